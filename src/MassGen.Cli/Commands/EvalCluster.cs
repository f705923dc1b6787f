using System.Globalization;
using System.Net;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Cli.Serving;
using MassGen.Cluster;
using MassGen.Evaluation.Eval;
using MassGen.Server.Logging;
using Microsoft.Extensions.Logging;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen eval --cluster REDIS</c>: this process joins the cluster as a node like <c>massgen serve --cluster</c>
/// (its silo runs its share of the cluster's runs and eval calls, with the eval's config served under its file name),
/// and the eval's model calls go to eval call grains spread over every silo. The eval's files, statistics and limits
/// stay in this process. The only place the command touches the cluster, so that an eval without one never loads it.
/// </summary>
internal static class EvalCluster
{
    /// <summary>Joins the cluster; what the eval needs of it.</summary>
    /// <exception cref="ArgumentException">The Redis address cannot be read.</exception>
    /// <exception cref="InvalidOperationException">Redis does not answer, or the config cannot be served.</exception>
    public static async Task<Joined> JoinAsync(string redis, string configPath, EvalTeam team, CliHost host, ITeamLoader loader)
    {
        var name = Path.GetFileNameWithoutExtension(configPath);
        var siloHost = SiloHost(redis);
        var (served, problems, _) = await ServedTeam.LoadAsync(name, configPath, host, loader, logging: true, debug: false);
        if (served is null)
        {
            throw new InvalidOperationException($"{configPath} cannot be served to the cluster: {string.Join("; ", problems)}");
        }

        ClusterServing.Joined joined;
        try
        {
            joined = await ClusterServing.JoinAsync(redis, siloHost, [served], NodeEvalCalls.Of(name, team, host.TimeProvider), host,
                logging => logging.AddProvider(new TextWriterLoggerProvider(host.Error, host.TimeProvider, LogLevel.Information)));
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }

        var job = new ClusterEvalJob(joined.Grains, ClusterEvalJob.NewJobId(host.TimeProvider), name, host.TimeProvider);
        return new Joined(new Leaving(joined.Node, served), job.SendAsync, $"{job.JobId}, this silo at {joined.SiloEndpoint}", () => Summary(job));
    }

    /// <summary>
    /// The address the silo listens on: loopback when Redis is on this machine (every node is, then), otherwise this
    /// machine's address, as <c>massgen serve --host 0.0.0.0</c> advertises it.
    /// </summary>
    private static string SiloHost(string redis)
    {
        var endpoint = ClusterSilo.ParseRedis(redis).EndPoints[0];
        var local = endpoint switch
        {
            IPEndPoint ip => IPAddress.IsLoopback(ip.Address),
            DnsEndPoint dns => string.Equals(dns.Host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(dns.Host, out var parsed) && IPAddress.IsLoopback(parsed)),
            _ => false,
        };
        return local ? "127.0.0.1" : "0.0.0.0";
    }

    private static string Summary(ClusterEvalJob job)
    {
        var silos = job.CallsPerSilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{job.CallsPerSilo.Values.Sum()} model calls on {job.CallsPerSilo.Count} silo(s) ({string.Join(", ", silos)}); {job.Redone} made again after their silo left");
    }

    /// <summary>The node (disposing it leaves the cluster), where the eval's calls go, a description, and the calls' spread so far.</summary>
    internal sealed record Joined(IAsyncDisposable Node, EvalCallSender Send, string Description, Func<string> Summary);

    /// <summary>Leaves the cluster, then lets go of the served copy of the team.</summary>
    private sealed class Leaving(IAsyncDisposable node, ServedTeam served) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await node.DisposeAsync();
            await served.DisposeAsync();
        }
    }
}
