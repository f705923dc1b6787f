namespace MassGen.Cluster.Grains;

/// <summary>
/// Fans a job's items out to run grains (item i is the run <c>JOB-i</c>, so starting an item twice starts it once) and
/// checks on them every <see cref="CheckEvery"/>: ended items are recorded, and new ones start while fewer than the
/// limit are under way. The runs do not depend on the job: when the job's silo dies they go on, and the job, activated
/// again by the next call, picks up where its store says it was.
/// </summary>
internal sealed class EvalJobGrain([PersistentState("job", ClusterSilo.StorageName)] IPersistentState<EvalJobState> state, TimeProvider timeProvider) : Grain, IEvalJobGrain
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);

    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null && !Done)
        {
            StartChecking();
        }

        return Task.CompletedTask;
    }

    public async Task<EvalJobSnapshot> StartAsync(EvalJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec is null)
        {
            state.State.Spec = spec with { MaxInFlight = Math.Max(1, spec.MaxInFlight) };
            state.State.Items = [.. spec.Items.Select((_, i) => new EvalItemOutcome($"{this.GetPrimaryKeyString()}-{i:D5}", RunStatus.None, null, null))];
            await CheckAsync(CancellationToken.None);
            StartChecking();
        }

        return Snapshot();
    }

    public Task<EvalJobSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public Task<EvalCallSnapshot> StartCallAsync(string key, EvalCallSpec spec) =>
        GrainFactory.GetGrain<IEvalCallGrain>($"{this.GetPrimaryKeyString()}/{key}").StartAsync(spec);

    private bool Done => state.State.Items.All(i => i.Status is RunStatus.Finished or RunStatus.Failed);

    private void StartChecking() =>
        _timer ??= this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions(CheckEvery, CheckEvery) { Interleave = false });

    /// <summary>Records the runs that ended, starts new ones up to the limit, and saves the job when anything changed.</summary>
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var spec = state.State.Spec!;
        var items = state.State.Items;
        var changed = false;
        var running = items.Select((item, index) => (item, index)).Where(p => p.item.Status == RunStatus.Running).ToList();
        var snapshots = await Task.WhenAll(running.Select(p => GrainFactory.GetGrain<IRunGrain>(p.item.RunId).GetAsync()));
        foreach (var (snapshot, (_, index)) in snapshots.Zip(running))
        {
            if (snapshot.Status is RunStatus.Finished or RunStatus.Failed)
            {
                items[index] = items[index] with { Status = snapshot.Status, Answer = snapshot.FinalAnswer, Error = snapshot.Error };
                changed = true;
            }
        }

        var free = spec.MaxInFlight - items.Count(i => i.Status == RunStatus.Running);
        foreach (var index in Enumerable.Range(0, items.Length).Where(i => items[i].Status == RunStatus.None).Take(Math.Max(0, free)).ToList())
        {
            await GrainFactory.GetGrain<IRunGrain>(items[index].RunId).StartAsync(new RunSpec(spec.Team, spec.Items[index], [], timeProvider.GetUtcNow()));
            items[index] = items[index] with { Status = RunStatus.Running };
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        if (Done)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private EvalJobSnapshot Snapshot() => new(this.GetPrimaryKeyString(), [.. state.State.Items], state.State.Spec is not null && Done);
}
