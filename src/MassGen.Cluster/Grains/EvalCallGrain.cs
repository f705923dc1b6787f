using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace MassGen.Cluster.Grains;

/// <summary>
/// An eval call on whichever silo activated it. The engine works on the thread pool; its outcome comes back onto the
/// grain's scheduler and into the store. The call is in the store as <see cref="RunStatus.Running"/> before it starts,
/// so when its silo dies the eval's next poll activates it elsewhere and it is made again from the start: a call is
/// the unit that is redone, never a part of one.
/// </summary>
[RandomPlacement] // the calls spread over the silos, whichever node sent them
internal sealed partial class EvalCallGrain(
    [PersistentState("call", ClusterSilo.StorageName)] IPersistentState<EvalCallState> state,
    IEvalCallEngine engine,
    ILocalSiloDetails silo,
    TimeProvider timeProvider,
    ILogger<EvalCallGrain> logger) : Grain, IEvalCallGrain, IDisposable
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task _work = Task.CompletedTask;
    private bool _leaving;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == RunStatus.Running)
        {
            LogRedoing(Key, state.State.Attempts, state.State.Silo);
            await BeginAttemptAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is null || state.State.Status != RunStatus.Running)
        {
            return;
        }

        // Leaving with the call under way: the store still says Running, so its next activation makes it again.
        _leaving = true;
        await _stop.CancelAsync();
        try
        {
            await _work.WaitAsync(ClusterSilo.EngineStopWait, timeProvider, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The abandoned call's outcome is dropped whenever it comes.
        }
    }

    public async Task<EvalCallSnapshot> StartAsync(EvalCallSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Status == RunStatus.None)
        {
            state.State.Spec = spec;
            state.State.Status = RunStatus.Running;
            await BeginAttemptAsync();
        }

        return Snapshot();
    }

    public async Task<EvalCallSnapshot> WaitAsync(TimeSpan wait)
    {
        if (state.State.Status == RunStatus.Running && wait > TimeSpan.Zero)
        {
            try
            {
                await _ended.Task.WaitAsync(wait, timeProvider);
            }
            catch (TimeoutException)
            {
                // Not yet: the eval asks again.
            }
        }

        if (state.State.Status is RunStatus.Finished or RunStatus.Failed)
        {
            // Its outcome is in the store; the memory of an ended call is not needed once the eval has read it.
            DeactivateOnIdle();
        }

        return Snapshot();
    }

    public async Task StopAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }
    }

    private async Task BeginAttemptAsync()
    {
        state.State.Attempts++;
        state.State.Silo = silo.SiloAddress.ToString();
        await state.WriteStateAsync();
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        var (spec, stopToken) = (state.State.Spec!, _stop.Token);
        // The engine runs on the thread pool, never on the grain's one-at-a-time scheduler.
        var call = Task.Run(() => engine.RunAsync(spec.Team, spec.Call, stopToken), CancellationToken.None);
        _work = FinishAsync(call);
    }

    /// <summary>On the grain's scheduler: the outcome into the store, then the waiting eval told.</summary>
    private async Task FinishAsync(Task<string> call)
    {
        string? outcome = null;
        string? error = null;
        try
        {
            outcome = await call;
        }
#pragma warning disable CA1031 // The engine's failure is the call's outcome, not the grain's.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            error = failure.Message;
        }

        if (_leaving)
        {
            return;
        }

        state.State.Status = outcome is null ? RunStatus.Failed : RunStatus.Finished;
        state.State.Outcome = outcome;
        state.State.Error = error;
        await state.WriteStateAsync();
        _ended.TrySetResult();
    }

    private EvalCallSnapshot Snapshot() => new(Key, state.State.Status, state.State.Outcome, state.State.Error, state.State.Attempts, state.State.Silo);

    public void Dispose() => _stop?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "eval call {Key}: making it again (attempt {Attempts} was on {Silo})")]
    private partial void LogRedoing(string key, int attempts, string? silo);
}
