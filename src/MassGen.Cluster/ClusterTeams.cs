using System.Runtime.CompilerServices;
using System.Text.Json;
using MassGen.Cluster.Grains;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Teams;
using MassGen.Server;

namespace MassGen.Cluster;

/// <summary>
/// Teams whose runs are run grains: the server serves these in place of its local teams, so each request becomes a
/// run on some silo of the cluster, and its events come back to the node that took the request.
/// </summary>
public static class ClusterTeams
{
    /// <summary>A team client whose runs go to run grains, named by <paramref name="newRunId"/>.</summary>
    public static TeamChatClient Create(IGrainFactory grains, string team, Func<string> newRunId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(newRunId);
        return new TeamChatClient(team, (request, cancellationToken) =>
        {
            var runId = newRunId();
            var spec = new RunSpec(team, request.Task, [.. request.History.Select(t => new RunTurn(t.User, t.Assistant))], timeProvider.GetUtcNow());
            return new TeamRun(runId, FollowAsync(grains.GetGrain<IRunGrain>(runId), spec, request.Control, timeProvider, cancellationToken));
        });
    }

    private static async IAsyncEnumerable<CoordinationEvent> FollowAsync(
        IRunGrain run, RunSpec spec, CoordinationControl? control, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RunWatcher.RetryAsync(() => run.StartAsync(spec), timeProvider);
        await foreach (var json in RunWatcher.ReadAsync(run, new RunOwner(control), timeProvider, cancellationToken))
        {
            yield return JsonSerializer.Deserialize<CoordinationEvent>(json, ServerJson.Events)!;
        }
    }
}
