namespace MassGen.Cluster.Grains;

/// <summary>The cluster's run list, kept in the grain store; beyond <see cref="Capacity"/> the oldest ended runs are dropped.</summary>
internal sealed class RunIndexGrain([PersistentState("index", ClusterSilo.StorageName)] IPersistentState<RunIndexState> state) : Grain, IRunIndexGrain
{
    /// <summary>Runs remembered; the run logs keep every run whatever this says.</summary>
    public const int Capacity = 1000;

    public async Task UpdateAsync(RunSnapshot run)
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

        await state.WriteStateAsync();
    }

    public Task<RunSnapshot[]> ListAsync(int limit) =>
        Task.FromResult(state.State.Runs.Values.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).Take(limit).ToArray());
}
