using System.Text.Json;
using System.Threading.Channels;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Teams;
using MassGen.Server;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace MassGen.Cluster.Grains;

/// <summary>
/// A run on whichever silo activated it. The engine works off the grain's scheduler; its events come back onto it, in
/// order, into the list watchers read. The run's description is in the store before the run starts, so if the silo
/// dies, the next activation (a watcher's call, or the reminder that ticks while the run is under way) finds it
/// <see cref="RunStatus.Running"/> and takes it up again through <see cref="TakeUpAgainAsync"/>.
/// </summary>
[RandomPlacement] // runs spread over the silos, whichever node took the request
internal sealed partial class RunGrain(
    [PersistentState("run", ClusterSilo.StorageName)] IPersistentState<RunState> state,
    IRunEngine engine,
    ILocalSiloDetails silo,
    ClusterTimings timings,
    TimeProvider timeProvider,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable, IDisposable
{
    /// <summary>The reminder that keeps an unwatched run alive across silo failures.</summary>
    public const string KeepRunningReminder = "keep-running";

    private readonly List<string> _events = [];
    private TaskCompletionSource _changed = NewSignal();
    private CancellationTokenSource? _stop;
    private Task _engine = Task.CompletedTask;
    private CoordinationControl? _control;
    private bool _leaving;

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == RunStatus.Running)
        {
            await TakeUpAgainAsync();
        }
        else if (state.State.Status is RunStatus.Finished or RunStatus.Failed)
        {
            // Nothing more happens to an ended run; its reminder may have been left by a silo that died as it ended.
            await ForgetReminderAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is null || state.State.Status != RunStatus.Running)
        {
            return;
        }

        // The silo is going away (or the grain is moved) with the run under way: the store still says Running, so
        // the next activation elsewhere takes it up. Nothing more of this attempt reaches watchers.
        LogLeaving(RunId, reason.Description);
        _leaving = true;
        await _stop.CancelAsync();
        Signal();
        try
        {
            // The stopped engine finishes its log before another silo writes that folder anew.
            await _engine.WaitAsync(ClusterSilo.EngineStopWait, timeProvider, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogEngineStillStopping(RunId);
        }
    }

    public async Task<RunSnapshot> StartAsync(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Status != RunStatus.None)
        {
            return Snapshot();
        }

        state.State.Spec = spec;
        state.State.Status = RunStatus.Running;
        await this.RegisterOrUpdateReminder(KeepRunningReminder, timings.ReminderPeriod, timings.ReminderPeriod);
        await BeginAttemptAsync();
        return Snapshot();
    }

    /// <summary>
    /// Takes up a run whose silo died under it. When this silo can read the stopped attempt's log folder (a volume every
    /// node shares), the run is resumed from it: its state rebuilt from the events, the model calls it had finished
    /// answered from its recording, only the rest sent live. Otherwise it starts over with the same id, every call made
    /// again. The snapshot's <see cref="RunSnapshot.TakeUp"/> says which happened.
    /// </summary>
    private async Task TakeUpAgainAsync()
    {
        LogTakingUp(RunId, state.State.Attempts, state.State.Silo);
        await BeginAttemptAsync(resumeFrom: state.State.LogFolder);
    }

    public async Task<RunEventsPage> WaitEventsAsync(int attempt, int from, TimeSpan wait)
    {
        var current = Attempt;
        if (attempt == current && from >= _events.Count && state.State.Status == RunStatus.Running && wait > TimeSpan.Zero)
        {
            try
            {
                await _changed.Task.WaitAsync(wait, timeProvider);
            }
            catch (TimeoutException)
            {
                // Nothing new: the watcher asks again.
            }
        }

        // Another attempt than the watcher's: it starts over at the first event of this one.
        var start = attempt == current ? Math.Clamp(from, 0, _events.Count) : 0;
        return new RunEventsPage(current, start, [.. _events.Skip(start)], state.State.Status, state.State.FinishedEvent);
    }

    public Task<RunSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public Task AnswerNowAsync()
    {
        _control?.AnswerNow();
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The tick itself did the work: it activated the grain, and an activation takes up a run still under way.
        if (state.State.Status != RunStatus.Running)
        {
            await ForgetReminderAsync();
        }
    }

    private int Attempt => Math.Max(0, state.State.Attempts - 1);

    private Task BeginAttemptAsync() => BeginAttemptAsync(resumeFrom: null);

    /// <param name="resumeFrom">The stopped attempt's log folder when the run is taken up again (null for a new run,
    /// or when the stopped attempt wrote no log).</param>
    private async Task BeginAttemptAsync(string? resumeFrom)
    {
        var takenUp = state.State.Attempts > 0;
        _events.Clear();
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _control = new CoordinationControl();
        var spec = state.State.Spec!;
        var stopToken = _stop.Token;
        var runId = RunId;

        // The attempt is claimed in the store before anything of it starts: should two silos activate the run at once
        // while the cluster's membership settles, the second one's write fails (the stored version has moved on)
        // before it has resumed or started the run, so the run is never carried on twice. Until this attempt says
        // otherwise, the log folder stays the stopped attempt's: that is where a next take-up resumes from.
        state.State.Attempts++;
        state.State.Silo = silo.SiloAddress.ToString();
        state.State.LogFolder = takenUp ? state.State.LogFolder : engine.LogFolder(runId);
        state.State.TakeUp = takenUp ? RunTakeUp.StartedOver : RunTakeUp.None;
        await state.WriteStateAsync();

        var resumed = resumeFrom is null ? null : TryResume(spec.Team, resumeFrom, _control, stopToken);
        if (takenUp)
        {
            state.State.LogFolder = resumed is null ? engine.LogFolder(runId) : resumeFrom;
            state.State.TakeUp = resumed is null ? RunTakeUp.StartedOver : RunTakeUp.Resumed;
            await state.WriteStateAsync();
        }

        await TellIndexAsync();

        var request = new CoordinationRequest(spec.Task) { History = [.. spec.History.Select(t => new ConversationTurn(t.User, t.Assistant))], Control = _control };
        var events = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Func<TeamRun> start = resumed is null ? () => engine.Start(spec.Team, runId, request, stopToken) : () => resumed;
        // The engine runs on the thread pool, never on the grain's one-at-a-time scheduler.
        _engine = Task.Run(() => EnginePump.RunAsync(start, events.Writer), CancellationToken.None);
        _ = FollowAsync(events.Reader);
    }

    /// <summary>The run continued from its log folder, or null (said in the silo's log) when it must start over.</summary>
    private TeamRun? TryResume(string team, string logFolder, CoordinationControl control, CancellationToken stopToken)
    {
        try
        {
            if (engine.ResumeRun(team, RunId, logFolder, control, stopToken) is { } run)
            {
                LogResuming(RunId, logFolder);
                return run;
            }

            LogStartingOver(RunId, logFolder);
        }
#pragma warning disable CA1031 // Whatever keeps the run from resuming, starting it over still answers it.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogResumeFailed(RunId, logFolder, failure);
        }

        return null;
    }

    /// <summary>
    /// On the grain's scheduler: each event into the list watchers read, then the outcome into the store. The run's
    /// <c>run_finished</c> is held back until its stream has ended and joins the list in the same step that sets the
    /// run's final status: a page that holds it says the run ended, so a watcher reads it once. Published as it came,
    /// a watcher could take it from a page still saying <see cref="RunStatus.Running"/> (the engine's stream not yet
    /// closed), ask again, find the run ended with nothing new, and take it a second time from the store.
    /// </summary>
    private async Task FollowAsync(ChannelReader<CoordinationEvent> events)
    {
        string? error = null;
        RunFinished? finished = null;
        try
        {
            await foreach (var coordinationEvent in events.ReadAllAsync(CancellationToken.None))
            {
                if (_leaving)
                {
                    continue;
                }

                if (coordinationEvent is RunFinished runFinished)
                {
                    finished = runFinished;
                    continue;
                }

                _events.Add(Json(coordinationEvent));
                Signal();
            }
        }
#pragma warning disable CA1031 // The engine's failure is the run's outcome, not the grain's.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            error = failure.Message;
        }

        if (_leaving)
        {
            return;
        }

        // No await from here to the status: the event and the status that ends a watcher's reading come together.
        if (finished is not null)
        {
            _events.Add(Json(finished));
        }

        state.State.Status = finished?.Result.FinalAnswer is not null ? RunStatus.Finished : RunStatus.Failed;
        state.State.TerminationReason = finished is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(finished.Result.TerminationReason.ToString());
        state.State.Error = error ?? (finished is null ? "The run's event stream ended without run_finished." : null);
        state.State.FinishedEvent = finished is null ? null : _events[^1];
        state.State.FinalAnswer = finished?.Result.FinalAnswer;
        state.State.FinishedAt = timeProvider.GetUtcNow();
        await state.WriteStateAsync();
        await TellIndexAsync();
        await ForgetReminderAsync();
        Signal();
    }

    private static string Json(CoordinationEvent coordinationEvent) => JsonSerializer.Serialize(coordinationEvent, ServerJson.Events);

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(KeepRunningReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private Task TellIndexAsync() => GrainFactory.GetGrain<IRunIndexGrain>(0).UpdateAsync(Snapshot());

    private RunSnapshot Snapshot()
    {
        var s = state.State;
        return new RunSnapshot(RunId, s.Spec?.Team ?? "", s.Spec?.Task ?? "", s.Status, s.Spec?.StartedAt ?? default, s.Attempts, s.Silo, s.TerminationReason, s.Error, s.FinalAnswer, s.TakeUp);
    }

    public void Dispose() => _stop?.Dispose();

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId}: taking it up again (attempt {Attempts} was on {Silo})")]
    private partial void LogTakingUp(string runId, int attempts, string? silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId}: resuming it from {LogFolder}")]
    private partial void LogResuming(string runId, string logFolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: starting it over, its log {LogFolder} cannot be resumed on this node (is the log folder on storage every node reaches?)")]
    private partial void LogStartingOver(string runId, string logFolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: starting it over, resuming from {LogFolder} failed")]
    private partial void LogResumeFailed(string runId, string logFolder, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: its engine had not stopped when the silo left")]
    private partial void LogEngineStillStopping(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId}: leaving this silo under way ({Reason})")]
    private partial void LogLeaving(string runId, string reason);
}
