using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace MassGen.Cluster;

/// <summary>
/// This process as a silo of the cluster (<c>massgen serve --cluster</c>): it runs its share of the cluster's runs
/// with <see cref="IRunEngine"/>, and its <see cref="Grains"/> reach every run of the cluster.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterNode(IHost host, IPEndPoint endpoint)
    {
        _host = host;
        Endpoint = endpoint;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>Where the other silos reach this one.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The cluster's grains, for routing runs and listing them.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>
    /// Checks that Redis answers, then joins (or forms) the cluster. The silo listens on a free port of
    /// <paramref name="address"/>, which the other nodes must be able to reach.
    /// </summary>
    /// <exception cref="ArgumentException">The Redis address cannot be read.</exception>
    /// <exception cref="InvalidOperationException">Redis does not answer there; the message says what to check.</exception>
    /// <param name="redis">The Redis server (StackExchange.Redis connection string, <c>host:port</c>).</param>
    /// <param name="clusterName">The cluster's name (<see cref="ClusterSilo.ClusterId"/> when null): nodes sharing the Redis server and the name form one cluster.</param>
    /// <param name="address">The address this silo listens on and is reached at.</param>
    /// <param name="engine">Runs the teams whose runs land on this silo.</param>
    /// <param name="evalCalls">Makes the eval calls that land on this silo.</param>
    /// <param name="logging">Where the silo's warnings go.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<ClusterNode> StartAsync(string redis, string? clusterName, IPAddress address, IRunEngine engine, IEvalCallEngine evalCalls, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(evalCalls);
        await CheckRedisAsync(redis);
        var port = FreePort(address);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Orleans' warnings are about tuning (server GC, its start-up watchdog) more than about the runs: errors only.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.UseOrleans(silo =>
        {
            ClusterSilo.Configure(silo, redis, _ => engine, evalCalls: _ => evalCalls);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = string.IsNullOrWhiteSpace(clusterName) ? ClusterSilo.ClusterId : clusterName;
                o.ServiceId = o.ClusterId;
            });
            // No gateway: this process's own server is the only client of its silo.
            silo.ConfigureEndpoints(address, port, gatewayPort: 0, listenOnAnyHostAddress: false);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ClusterNode(host, new IPEndPoint(address, port));
    }

    /// <summary>Leaves the cluster: runs under way here stop, and other silos take them up.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static async Task CheckRedisAsync(string redis)
    {
        var options = ClusterSilo.ParseRedis(redis);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = 5000;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
        }
        catch (RedisException e)
        {
            throw new InvalidOperationException($"The cluster's Redis server at {redis} does not answer ({e.Message}). Start redis-server there, or give the address of a running one (--cluster HOST:PORT or MASSGEN_CLUSTER_REDIS).", e);
        }
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
