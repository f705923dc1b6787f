using System.Threading.Channels;
using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal.Topology;

/// <summary>
/// One run under the <c>islands</c> or <c>tournament</c> topology. It composes ordinary coordinations
/// (<see cref="CoordinationRun"/>), one per group, the groups of a round in parallel: each group follows COORDINATION.md
/// among its members, its winner's answer advances, and the last round's winner presents the final answer once. Every
/// group shares the team's budget, clock deadline, cancellation and "answer now", and its events are merged into one
/// stream tagged with the group.
/// </summary>
internal sealed partial class TopologyRun : IAsyncDisposable
{
    private readonly Channel<CoordinationEvent> _events = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _emitGate = new();
    private readonly IReadOnlyList<AgentDefinition> _agents;
    private readonly OrchestratorOptions _options;
    private readonly TimeProvider _time;
    private readonly CoordinationRequest _request;
    private readonly int _seed;
    private readonly BudgetGate _budget;
    private readonly AnswerNowRelay _answerNow;
    private readonly List<GroupRecord> _groups = [];
    private Task _loop = Task.CompletedTask;
    private CancellationToken _callerToken;
    private long _sequence;
    private DateTimeOffset _lastTimestamp;
    private DateTimeOffset _startedAt;

    public TopologyRun(IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, TimeProvider timeProvider, CoordinationRequest request, int seed)
    {
        _agents = agents;
        _options = options;
        _time = timeProvider;
        _request = request;
        _seed = seed;
        _budget = new BudgetGate(options.MaxTotalTokens, options.MaxCostUsd);
        _answerNow = new AnswerNowRelay(request.Control);
    }

    public ChannelReader<CoordinationEvent> Events => _events.Reader;

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
        try
        {
            var result = await PlayRoundsAsync().ConfigureAwait(false);
            Emit(new RunFinished(result), group: null);
            _events.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _events.Writer.TryComplete();
        }
#pragma warning disable CA1031 // A defect must reach the consumer as the stream's error, not vanish.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _events.Writer.TryComplete(error);
        }
    }

    private async Task<CoordinationResult> PlayRoundsAsync()
    {
        _startedAt = _time.GetUtcNow();
        var labels = LabelAssignment.Assign(_agents.Count, _seed);
        Emit(new RunStarted(_request.Task, _seed, [.. _agents.Select((a, i) => new AgentLabel(a.Id, labels[i], a.ModelDescription))]), group: null);
        List<Contender> contenders = [.. _agents.Select((agent, index) => new Contender(agent, index, null))];
        for (var round = 1; ; round++)
        {
            var isFinal = IsFinalRound(round, contenders.Count);
            List<List<Contender>> plan = isFinal ? [contenders] : GroupPlanner.Split(contenders, _options.GroupSize, _seed, round);
            Emit(new RoundStarted(round, plan.Count, contenders.Count, isFinal), group: null);
            var outcomes = await Task.WhenAll(plan.Select((members, i) => RunGroupAsync(round, i + 1, members, isFinal))).ConfigureAwait(false);
            if (isFinal)
            {
                return FinalResult(outcomes[0]);
            }

            contenders = [.. outcomes.Where(o => o.Record.WinnerId is not null).Select(o => o.Advancing!)];
            if (contenders.Count == 0 || _callerToken.IsCancellationRequested || Remaining() <= TimeSpan.Zero)
            {
                return StoppedResult(contenders);
            }
        }
    }

    /// <summary>
    /// Islands: a team that fits in one group is one group; otherwise round 2 (the winners) is the last. Tournament:
    /// the round whose contenders fit in one bracket is the last.
    /// </summary>
    private bool IsFinalRound(int round, int contenders) =>
        contenders <= _options.GroupSize || (_options.Topology == TeamTopology.Islands && round >= 2);

    /// <summary>What is left of the orchestrator timeout, which bounds the whole run, every round included.</summary>
    private TimeSpan Remaining() => _options.OrchestratorTimeout - (_time.GetUtcNow() - _startedAt);

    /// <summary>
    /// Stamps and publishes an event of the merged stream. Groups publish from their own tasks, so numbering is under a
    /// lock; a timestamp never goes back, since two groups' events may be stamped in one order and arrive in the other.
    /// </summary>
    private void Emit(CoordinationEvent coordinationEvent, string? group)
    {
        lock (_emitGate)
        {
            var timestamp = coordinationEvent.Timestamp == default ? _time.GetUtcNow() : coordinationEvent.Timestamp;
            _lastTimestamp = timestamp > _lastTimestamp ? timestamp : _lastTimestamp;
            _events.Writer.TryWrite(coordinationEvent with { Sequence = ++_sequence, Timestamp = _lastTimestamp, Group = group ?? coordinationEvent.Group });
        }
    }
}
