using MassGen.Testing.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace MassGen.Cluster.Tests;

/// <summary>
/// One cluster for all the tests of a class: three silos whose membership, grain state and reminders are in the real
/// Redis server, each running teams with <see cref="ScriptedEngine"/> and eval calls with <see cref="EvalTestEngine"/>. Started once: silos are slow to start.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    private static readonly TimeSpan s_busyMachineResponseTimeout = TimeSpan.FromMinutes(3);

    private static string s_redis = "";

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (TestRedis.SkipReason is not null)
        {
            return;
        }

        s_redis = await TestRedis.AddressAsync();
        var builder = new TestClusterBuilder(Silos);
        builder.Options.UseTestClusterMembership = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        ScriptedEngine.Instance.DeleteLogs();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            ClusterSilo.Configure(
                siloBuilder,
                s_redis,
                _ => ScriptedEngine.Instance,
                reminderPeriod: TimeSpan.FromSeconds(5),
                evalCalls: services => EvalTestEngine.For(services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));

            // On a machine whose cores are all busy a grain call or a membership probe can take far longer than Orleans'
            // defaults allow (30 s, 5 s): a silo would be declared dead or a call fail although nothing is wrong.
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = s_busyMachineResponseTimeout);
            siloBuilder.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(30));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseRedisClustering(s_redis).Configure<ClientMessagingOptions>(o => o.ResponseTimeout = s_busyMachineResponseTimeout);
    }
}
