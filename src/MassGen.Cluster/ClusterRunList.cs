using MassGen.Cluster.Grains;
using MassGen.Server.Runs;

namespace MassGen.Cluster;

/// <summary>The cluster's runs for the server's run list and event streams, from the run index and the run grains.</summary>
public sealed class ClusterRunList(IGrainFactory grains, TimeProvider timeProvider) : IClusterRuns
{
    /// <summary>Runs listed at most.</summary>
    public const int ListLimit = 200;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ClusterRun>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await RunWatcher.RetryAsync(() => grains.GetGrain<IRunIndexGrain>(0).ListAsync(ListLimit), timeProvider).WaitAsync(cancellationToken);
        return [.. runs.Select(r => new ClusterRun(r.RunId, r.Team, StatusName(r.Status), r.Task, r.StartedAt, r.TerminationReason))];
    }

    /// <inheritdoc/>
    public async Task<IAsyncEnumerable<string>?> WatchAsync(string runId, CancellationToken cancellationToken)
    {
        var run = grains.GetGrain<IRunGrain>(runId);
        var known = await RunWatcher.RetryAsync(run.GetAsync, timeProvider).WaitAsync(cancellationToken);
        return known.Status == RunStatus.None ? null : RunWatcher.ReadAsync(run, null, timeProvider, cancellationToken);
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Running => "live",
        RunStatus.Finished => "finished",
        _ => "failed",
    };
}
