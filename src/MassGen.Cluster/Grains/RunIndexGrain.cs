namespace MassGen.Cluster.Grains;

/// <summary>
/// The cluster's run list, kept in memory and written to the grain store at most every <see cref="FlushEvery"/>: each
/// run tells it two or three times, and one write per update of a list of a thousand runs would make the index the
/// cluster's bottleneck. Beyond <see cref="Capacity"/> the oldest ended runs are dropped.
/// </summary>
internal sealed class RunIndexGrain([PersistentState("index", ClusterSilo.StorageName)] IPersistentState<RunIndexState> state) : Grain, IRunIndexGrain
{
    /// <summary>Runs remembered; the run logs keep every run whatever this says.</summary>
    public const int Capacity = 1000;

    /// <summary>How often changes reach the store; what a crash of this grain's silo can lose of the list.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(500);

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushEvery, FlushEvery) { Interleave = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task UpdateAsync(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        state.State.Runs[run.RunId] = run;
        if (state.State.Runs.Count > Capacity)
        {
            foreach (var old in state.State.Runs.Values.Where(r => r.Status != RunStatus.Running).OrderBy(r => r.StartedAt).Take(state.State.Runs.Count - Capacity).ToList())
            {
                state.State.Runs.Remove(old.RunId);
            }
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<RunSnapshot[]> ListAsync(int limit) =>
        Task.FromResult(state.State.Runs.Values.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).Take(limit).ToArray());

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
