using System.Net;
using System.Net.Sockets;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Cluster;
using MassGen.Core.Coordination;
using MassGen.Core.Teams;
using MassGen.Server.Runs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MassGen.Cli.Serving;

/// <summary>
/// <c>massgen serve --cluster REDIS</c>: this process becomes a silo of the cluster; the served teams become run grains
/// (a run may execute on any node, with this node's teams when it lands here), and the run list covers the cluster.
/// The only place the command touches Orleans, so that a server without a cluster, and every other command, never
/// loads it.
/// </summary>
internal static class ClusterServing
{
    public const string RedisVariable = "MASSGEN_CLUSTER_REDIS";

    /// <summary>The cluster's name (default <c>massgen</c>): nodes sharing a Redis server and this name form one cluster.</summary>
    public const string NameVariable = "MASSGEN_CLUSTER_ID";

    /// <summary>
    /// Joins the cluster; the teams to serve instead of <paramref name="teams"/>, and the cluster's run list. The eval
    /// calls that land on this node are made by <paramref name="evalCalls"/>, which leaves with the node.
    /// </summary>
    /// <exception cref="ArgumentException">The Redis address cannot be read.</exception>
    /// <exception cref="InvalidOperationException">Redis does not answer.</exception>
    public static async Task<Joined> JoinAsync(string redis, string listenHost, IReadOnlyList<ServedTeam> teams, NodeEvalCalls evalCalls, CliHost host, Action<ILoggingBuilder> logging)
    {
        var engine = new ServedTeamsEngine(teams.ToDictionary(t => t.Name, StringComparer.Ordinal));
        ClusterNode node;
        try
        {
            node = await ClusterNode.StartAsync(redis, host.GetVariable(NameVariable), AdvertisedAddress(listenHost), engine, evalCalls, logging, CancellationToken.None);
        }
        catch
        {
            await evalCalls.DisposeAsync();
            throw;
        }

        var served = teams.ToDictionary(
            t => t.Name,
            t => (IChatClient)ClusterTeams.Create(node.Grains, t.Name, () => RunLogger.NewRunId(host.TimeProvider), host.TimeProvider),
            StringComparer.Ordinal);
        return new Joined(new Leaving(node, evalCalls), node.Grains, served, new ClusterRunList(node.Grains, host.TimeProvider), node.Endpoint.ToString());
    }

    /// <summary>The address other nodes reach this one at: the listening address, or this machine's when it listens on all.</summary>
    private static IPAddress AdvertisedAddress(string listenHost)
    {
        if (string.Equals(listenHost, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var address = IPAddress.Parse(listenHost.Trim('[', ']'));
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return address;
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
    }

    /// <summary>The node (disposing it leaves), its grains, the teams to serve, the cluster's run list and where its silo listens.</summary>
    internal sealed record Joined(IAsyncDisposable Node, IGrainFactory Grains, IReadOnlyDictionary<string, IChatClient> Teams, IClusterRuns Runs, string SiloEndpoint);

    /// <summary>Leaves the cluster, then lets go of the teams the eval calls loaded (no call can land here any more).</summary>
    private sealed class Leaving(ClusterNode node, NodeEvalCalls evalCalls) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await node.DisposeAsync();
            await evalCalls.DisposeAsync();
        }
    }

    /// <summary>Runs that land on this node run as this node's own served runs: same executor, same run logs.</summary>
    private sealed class ServedTeamsEngine(IReadOnlyDictionary<string, ServedTeam> teams) : IRunEngine
    {
        public TeamRun Start(string team, string runId, CoordinationRequest request, CancellationToken cancellationToken) =>
            teams.TryGetValue(team, out var served)
                ? served.Start(runId, request, cancellationToken, recorded: true)
                : throw UnknownTeam(team);

        public TeamRun? ResumeRun(string team, string runId, string logFolder, CoordinationControl control, CancellationToken cancellationToken) =>
            teams.TryGetValue(team, out var served) ? served.Resume(logFolder, control, cancellationToken) : throw UnknownTeam(team);

        private ArgumentException UnknownTeam(string team) =>
            new($"This node serves no team '{team}' (it serves {string.Join(", ", teams.Keys)}): every node of a cluster must serve the same configs.", nameof(team));

        public string? LogFolder(string runId) => teams.Values.FirstOrDefault()?.LogFolder(runId);
    }
}
