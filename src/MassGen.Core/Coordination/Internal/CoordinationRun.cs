using System.Diagnostics;
using System.Threading.Channels;
using MassGen.Core.Diagnostics;
using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// One run of <see cref="Orchestrator.RunAsync"/>. A single loop owns all coordination state: turns run as their own
/// tasks and talk to the loop through one channel (<see cref="LoopMessage"/>), so the state needs no locks and every
/// event is stamped and published in one order.
/// </summary>
internal sealed partial class CoordinationRun : ITurnHost, IAsyncDisposable
{
    // Cancelled turns normally end at once; this only bounds the wait for a client that ignores cancellation.
    private static readonly TimeSpan s_cleanupTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<LoopMessage> _inbox = Channel.CreateUnbounded<LoopMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<CoordinationEvent> _events = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly OrchestratorOptions _options;
    private readonly TimeProvider _time;
    private readonly CoordinationRequest _request;
    private readonly int _seed;
    private readonly AgentState[] _agents;
    private readonly Dictionary<string, string> _labelsById;
    private readonly Dictionary<string, AgentState> _agentsByLabel;
    private readonly Random _jitter;
    private readonly List<Task> _turnTasks = [];
    private readonly List<AgentFailure> _failures = [];
    private readonly BudgetGate _budget;
    private readonly RunStart? _start;
    private Task _loop = Task.CompletedTask;
    private CancellationToken _callerToken;
    private long _sequence;
    // The attempt under way; a post-evaluation restart replaces it.
    private AttemptState _current = new(1, null);
    private RunPhase _phase = RunPhase.Coordinating;
    private bool _interrupted;
    // The caller asked for the best answer so far; it takes effect once an answer exists.
    private bool _answerNow;
    private DateTimeOffset _startedAt;

    public CoordinationRun(IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, TimeProvider timeProvider, CoordinationRequest request, int seed, RunStart? start = null, CoordinationCheckpoint? resumeFrom = null)
    {
        _start = start;
        _options = options;
        _time = timeProvider;
        _request = request;
        _seed = seed;
        _jitter = new Random(seed);
        _budget = start?.SharedBudget ?? new BudgetGate(options.MaxTotalTokens, options.MaxCostUsd);
        var labels = LabelAssignment.Assign(agents.Count, seed);
        _agents = [.. agents.Select((definition, i) => new AgentState(definition, i, labels[i]))];
        _labelsById = _agents.ToDictionary(a => a.Id, a => a.Label, StringComparer.Ordinal);
        _agentsByLabel = _agents.ToDictionary(a => a.Label, StringComparer.Ordinal);
        foreach (var agent in _agents)
        {
            agent.SystemMessage = CoordinationPrompts.SystemMessage(agent.Definition.SystemMessage, agent.Environment?.SystemPromptSection, options, agent.Definition.DecisionsAsJsonText);
        }

        if (resumeFrom is not null)
        {
            Restore(resumeFrom);
        }
    }

    public ChannelReader<CoordinationEvent> Events => _events.Reader;

    /// <summary>Starts the loop; events appear on <see cref="Events"/>, which completes after <see cref="RunFinished"/>.</summary>
    public void Start(CancellationToken callerToken)
    {
        _callerToken = callerToken;
        _loop = Task.Run(RunLoopAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The consumer stopped listening; whatever the loop ended with is no longer anyone's concern.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _abort.Dispose();
    }

    private async Task RunLoopAsync()
    {
        var registration = _callerToken.Register(() => _inbox.Writer.TryWrite(new InterruptMessage()));
        _request.Control?.Attach(() => _inbox.Writer.TryWrite(new AnswerNowMessage()));

        // Current on the loop's own flow, so every turn task started from here is its child.
        using var activity = MassGenTelemetry.Source.StartActivity("massgen.run");
        activity?.SetTag(MassGenTelemetry.Attributes.RunAgents, _agents.Length).SetTag(MassGenTelemetry.Attributes.RunSeed, _seed);
        if (_options.CaptureTelemetryContent)
        {
            activity?.SetTag(MassGenTelemetry.Attributes.Task, _request.Task);
        }

        try
        {
            var result = await RunAttemptsAsync().ConfigureAwait(false);
            Tag(activity, result);
            Emit(new RunFinished(result));
            _events.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _events.Writer.TryComplete();
        }
#pragma warning disable CA1031 // A defect in the loop must reach the consumer as the stream's error, not vanish.
        catch (Exception error)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            _events.Writer.TryComplete(error);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            await _abort.CancelAsync().ConfigureAwait(false);
            await WaitForTurnsAsync().ConfigureAwait(false);
            _inbox.Writer.TryComplete();
        }
    }

    private async Task<CoordinationResult> RunAttemptsAsync()
    {
        if (_resumeFrom is null)
        {
            _startedAt = _time.GetUtcNow();
            Emit(new RunStarted(_request.Task, _seed, AgentLabels()));
        }
        else
        {
            AnnounceResumption();
        }

        WarmUpVotingPhase();
        await InitializeEnvironmentsAsync().ConfigureAwait(false);
        await SeedAnswersAsync().ConfigureAwait(false);
        if (_agents.Length == 1 && !_options.UseOrchestratorForSingleAgent)
        {
            _phase = RunPhase.Presenting;
            var direct = await DirectAnswerAsync(_agents[0]).ConfigureAwait(false);
            _phase = RunPhase.Finished;
            return direct;
        }

        while (true)
        {
            var outcome = await CoordinateAsync().ConfigureAwait(false);
            var presentation = await PresentAsync(outcome).ConfigureAwait(false);
            if (await ReviewAsync(outcome, presentation).ConfigureAwait(false))
            {
                continue;
            }

            _phase = RunPhase.Finished;
            return BuildResult(outcome, presentation);
        }
    }

    private async Task InitializeEnvironmentsAsync()
    {
        await Task.WhenAll(_agents.Where(a => a.Environment is not null).Select(async agent =>
        {
            var reporter = new AgentToolReporter(this, agent.Id);
            try
            {
                await agent.Environment!.InitializeAsync(reporter, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                reporter.Report("environment", ToolNoticeSeverity.Error, "Initialisation failed: " + error.Message);
            }
        })).ConfigureAwait(false);
    }

    private void Tag(Activity? activity, CoordinationResult result)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(MassGenTelemetry.Attributes.TerminationReason, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(result.TerminationReason.ToString()))
            .SetTag(MassGenTelemetry.Attributes.WinnerLabel, result.WinnerLabel)
            .SetTag(MassGenTelemetry.Attributes.InputTokens, result.TotalUsage.InputTokens)
            .SetTag(MassGenTelemetry.Attributes.OutputTokens, result.TotalUsage.OutputTokens)
            .SetTag(MassGenTelemetry.Attributes.CostUsd, result.TotalUsage.CostUsd is { } cost ? (double)cost : null);
        if (_options.CaptureTelemetryContent)
        {
            activity.SetTag(MassGenTelemetry.Attributes.FinalAnswer, result.FinalAnswer);
        }

        if (result.FinalAnswer is null)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.TerminationDetail ?? "no answer");
        }
    }

    private IReadOnlyList<AgentLabel> AgentLabels() =>
        [.. _agents.Select(a => new AgentLabel(a.Id, a.Label, a.Definition.ModelDescription))];

    /// <summary>Stamps and publishes an event. Only the loop calls this, so sequence numbers follow stream order.</summary>
    private void Emit(CoordinationEvent coordinationEvent) =>
        _events.Writer.TryWrite(coordinationEvent with { Sequence = ++_sequence, Timestamp = _time.GetUtcNow(), Attempt = _current.Number });

    internal void Post(LoopMessage message) => _inbox.Writer.TryWrite(message);

    private async Task WaitForTurnsAsync()
    {
        Task[] pending;
        lock (_turnTasks)
        {
            pending = [.. _turnTasks];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(s_cleanupTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A client that ignores cancellation keeps its task; the run still ends.
        }
    }

    void ITurnHost.Publish(TurnHandle turn, CoordinationEvent coordinationEvent) => Post(new PublishMessage(turn, coordinationEvent));

    BudgetGate ITurnHost.Budget => _budget;

    void ITurnHost.ReportUsage(TurnHandle turn, TokenUsage usage) => Post(new UsageMessage(turn, usage));

    Task<Verdict> ITurnHost.SubmitDecisionAsync(TurnHandle turn, DecisionAttempt attempt, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<Verdict>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new DecisionMessage(turn, attempt, reply));
        return reply.Task.WaitAsync(cancellationToken);
    }

    Task<TurnUpdate?> ITurnHost.RequestUpdateAsync(TurnHandle turn, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<TurnUpdate?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new UpdateRequestMessage(turn, reply));
        return reply.Task.WaitAsync(cancellationToken);
    }

    void ITurnHost.End(TurnHandle turn, TurnEnd end) => Post(new TurnEndMessage(turn, end));
}
