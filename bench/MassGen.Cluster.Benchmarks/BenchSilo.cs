using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace MassGen.Cluster.Benchmarks;

/// <summary>The benchmark's silos: the cluster's own setup, with the benchmark engine.</summary>
internal sealed class BenchSilo : ISiloConfigurator
{
    public static string Redis { get; set; } = "";

    public void Configure(ISiloBuilder siloBuilder) => ClusterSilo.Configure(siloBuilder, Redis, _ => BenchEngine.Instance, evalCalls: _ => new EvalBench.EvalEngine());
}

/// <summary>The benchmark's three silos in this process, and their client.</summary>
internal static class BenchCluster
{
    public static async Task<TestCluster> StartAsync(string redis)
    {
        BenchSilo.Redis = redis;
        var builder = new TestClusterBuilder(3);
        builder.Options.UseTestClusterMembership = false;
        builder.AddSiloBuilderConfigurator<BenchSilo>();
        builder.AddClientBuilderConfigurator<BenchClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>The benchmark's client: membership from the same Redis server.</summary>
internal sealed class BenchClient : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseRedisClustering(BenchSilo.Redis);
}
