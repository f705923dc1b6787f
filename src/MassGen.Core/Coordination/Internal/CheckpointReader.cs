using System.Text;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Folds a run's events into a <see cref="CoordinationCheckpoint"/>, applying the same state changes the loop made
/// when it emitted them (COORDINATION.md §4–7): an accepted answer raises the revision and clears every vote, a
/// decision or failure ends the agent's turn, a restart begins a fresh attempt.
/// </summary>
internal sealed class CheckpointReader
{
    private readonly Dictionary<string, AgentLabel> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idsByLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _turns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenUsage> _usage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterruptedTurn> _inFlight = new(StringComparer.Ordinal);
    private readonly List<Resumption> _resumptions = [];
    private readonly StringBuilder _presented = new();
    private RunStarted? _started;
    private AttemptTally _attempt = new(1, null);
    private TimeSpan _elapsedBefore;
    private DateTimeOffset _segmentStart;
    private DateTimeOffset _lastTimestamp;
    private long _lastSequence;
    private string? _winnerAnswer;
    private CoordinationResult? _result;

    public void Apply(CoordinationEvent coordinationEvent)
    {
        if (_started is null && coordinationEvent is not RunStarted)
        {
            throw new InvalidDataException($"The event log does not begin with run_started (its first event is {coordinationEvent.GetType().Name}); it is not a whole run's log.");
        }

        _lastSequence = coordinationEvent.Sequence;
        _lastTimestamp = coordinationEvent.Timestamp;
        switch (coordinationEvent)
        {
            case RunStarted started when _started is null:
                _started = started;
                _segmentStart = started.Timestamp;
                foreach (var agent in started.Agents)
                {
                    _agents[agent.AgentId] = agent;
                    _idsByLabel[agent.Label] = agent.AgentId;
                }

                break;
            case RunResumed resumed:
                // The previous process died with its turns: none is in flight any more, they are being redone.
                _resumptions.Add(resumed.Resumption);
                _inFlight.Clear();
                _elapsedBefore = resumed.ElapsedBefore;
                _segmentStart = resumed.Timestamp;
                break;
            case TurnStarted turn:
                _turns[turn.AgentId] = Math.Max(_turns.GetValueOrDefault(turn.AgentId), turn.TurnNumber);
                _inFlight[turn.AgentId] = new InterruptedTurn(turn.AgentId, turn.Label, turn.TurnNumber, turn.Kind);
                if (turn.Kind == TurnKind.Presentation)
                {
                    _presented.Clear();
                }

                break;
            case AnswerAccepted answer:
                _attempt.Accept(answer);
                _inFlight.Remove(answer.AgentId);
                break;
            case VoteCounted vote:
                _attempt.Votes[vote.VoterId] = new VoteRecord(vote.VoterId, vote.VoterLabel, vote.TargetId, vote.TargetLabel, vote.Reason, vote.Revision, vote.Timestamp);
                _attempt.ConsecutiveFailures[vote.VoterId] = 0;
                _inFlight.Remove(vote.VoterId);
                break;
            case VoteDiscarded discarded:
                _attempt.Discarded.Add(new VoteRecord(discarded.VoterId, discarded.VoterLabel, _idsByLabel.GetValueOrDefault(discarded.TargetLabel, discarded.TargetLabel),
                    discarded.TargetLabel, discarded.Reason, discarded.CastOnRevision, discarded.Timestamp));
                _attempt.ConsecutiveFailures[discarded.VoterId] = 0;
                _inFlight.Remove(discarded.VoterId);
                break;
            case TurnFailed failed:
                _attempt.ConsecutiveFailures[failed.AgentId] = failed.ConsecutiveFailures;
                _inFlight.Remove(failed.AgentId);
                break;
            case AgentFailed agentFailed:
                _attempt.Failed.Add(agentFailed.AgentId);
                break;
            case TurnCancelled cancelled:
                _inFlight.Remove(cancelled.AgentId);
                break;
            case WrapUpStarted:
                _attempt.WrapUp = true;
                break;
            case UsageReported usage:
                _usage[usage.AgentId] = usage.AgentTotal;
                break;
            case ConsensusReached consensus:
                _winnerAnswer = _attempt.Current.GetValueOrDefault(consensus.WinnerId);
                break;
            case FinalAnswerDelta delta:
                _presented.Append(delta.Text);
                break;
            case PresentationFinished finished:
                _inFlight.Clear();
                if (finished.Outcome != PresentationOutcome.Presented)
                {
                    _presented.Clear().Append(_winnerAnswer);
                }

                break;
            case OrchestrationRestarting restarting:
                _inFlight.Clear();
                _attempt = new AttemptTally(restarting.NextAttempt, new RestartFeedback(restarting.Reason, restarting.Instructions, _presented.ToString()));
                // The new attempt's clock starts now; time spent before belongs to the finished attempt.
                _elapsedBefore = TimeSpan.Zero;
                _segmentStart = restarting.Timestamp;
                break;
            case RunFinished finished:
                _result = finished.Result;
                _inFlight.Clear();
                break;
        }
    }

    public CoordinationCheckpoint Build()
    {
        var started = _started ?? throw new InvalidDataException("The event log is empty: the run stopped before it wrote its first event, so there is nothing to resume; start it again.");
        return new CoordinationCheckpoint
        {
            Task = started.Task,
            Seed = started.Seed,
            Agents = started.Agents,
            StartedAt = started.Timestamp,
            Attempt = _attempt.Number,
            PreviousAttempt = _attempt.PreviousAttempt,
            Revision = _attempt.Revision,
            Answers = [.. _attempt.Answers],
            Votes = [.. started.Agents.Select(a => _attempt.Votes.GetValueOrDefault(a.AgentId)).OfType<VoteRecord>()],
            DiscardedVotes = [.. _attempt.Discarded],
            AgentStates = [.. started.Agents.Select(a => new AgentCheckpoint(
                a.AgentId,
                _attempt.Failed.Contains(a.AgentId),
                _attempt.ConsecutiveFailures.GetValueOrDefault(a.AgentId),
                _turns.GetValueOrDefault(a.AgentId),
                _usage.GetValueOrDefault(a.AgentId, TokenUsage.Zero)))],
            InterruptedTurns = [.. started.Agents.Select(a => _inFlight.GetValueOrDefault(a.AgentId)).OfType<InterruptedTurn>()],
            WrapUp = _attempt.WrapUp,
            Elapsed = _elapsedBefore + (_lastTimestamp - _segmentStart),
            LastSequence = _lastSequence,
            Resumptions = [.. _resumptions],
            Result = _result,
        };
    }

    /// <summary>What one attempt has so far; a restart starts a new one.</summary>
    private sealed class AttemptTally(int number, RestartFeedback? previousAttempt)
    {
        public int Number { get; } = number;

        public RestartFeedback? PreviousAttempt { get; } = previousAttempt;

        public int Revision { get; private set; }

        public List<AnswerRecord> Answers { get; } = [];

        public Dictionary<string, string> Current { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, VoteRecord> Votes { get; } = new(StringComparer.Ordinal);

        public List<VoteRecord> Discarded { get; } = [];

        public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> ConsecutiveFailures { get; } = new(StringComparer.Ordinal);

        public bool WrapUp { get; set; }

        public void Accept(AnswerAccepted answer)
        {
            Revision = answer.Revision;
            Answers.Add(new AnswerRecord(answer.AgentId, answer.Label, answer.Revision, answer.AnswerNumber, answer.Content, answer.Timestamp));
            Current[answer.AgentId] = answer.Content;
            ConsecutiveFailures[answer.AgentId] = 0;
            // Every accepted answer clears every vote (COORDINATION.md §5).
            Votes.Clear();
        }
    }
}
