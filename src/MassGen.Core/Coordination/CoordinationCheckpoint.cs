using MassGen.Core.Coordination.Internal;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination;

/// <summary>
/// The state of an unfinished coordination, rebuilt from its event stream (<see cref="FromEvents"/>): the answers on
/// the board, the counting and discarded votes, the failed agents, the spend, and the turns that were in flight when
/// the run stopped. <see cref="Orchestrator.ResumeAsync"/> continues a run from it.
/// </summary>
public sealed record CoordinationCheckpoint
{
    /// <summary>The user's task, as the run started with it.</summary>
    public required string Task { get; init; }

    /// <summary>The run's seed: the resumed run gets the same labels and answer orders.</summary>
    public required int Seed { get; init; }

    /// <summary>The agents with their labels, in configuration order.</summary>
    public required IReadOnlyList<AgentLabel> Agents { get; init; }

    /// <summary>When the run first started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The orchestration attempt under way (1, or more after post-evaluation restarts).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The reviewer's restart reason, instructions and the previous final answer, from attempt 2 on.</summary>
    public RestartFeedback? PreviousAttempt { get; init; }

    /// <summary>The answer set's revision.</summary>
    public int Revision { get; init; }

    /// <summary>Every answer accepted in this attempt, in order.</summary>
    public IReadOnlyList<AnswerRecord> Answers { get; init; } = [];

    /// <summary>The counting votes (cast on the current revision).</summary>
    public IReadOnlyList<VoteRecord> Votes { get; init; } = [];

    /// <summary>Votes of this attempt that arrived on an outdated revision.</summary>
    public IReadOnlyList<VoteRecord> DiscardedVotes { get; init; } = [];

    /// <summary>Per agent: failures, turns taken and usage, in configuration order.</summary>
    public IReadOnlyList<AgentCheckpoint> AgentStates { get; init; } = [];

    /// <summary>Turns that had started and not ended when the run stopped: a resumed run takes them again.</summary>
    public IReadOnlyList<InterruptedTurn> InterruptedTurns { get; init; } = [];

    /// <summary>Whether the wrap-up had begun (<c>new_answer</c> withdrawn).</summary>
    public bool WrapUp { get; init; }

    /// <summary>Coordination time the attempt had spent, summed over the processes that ran it (timeouts count it).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The sequence number of the last event; the resumed run numbers on from it.</summary>
    public long LastSequence { get; init; }

    /// <summary>Earlier resumptions of this run, oldest first.</summary>
    public IReadOnlyList<Resumption> Resumptions { get; init; } = [];

    /// <summary>The result, when the stream ends with <see cref="RunFinished"/>: the run is over and cannot be resumed.</summary>
    public CoordinationResult? Result { get; init; }

    /// <summary>True when the run finished.</summary>
    public bool IsFinished => Result is not null;

    /// <summary>Rebuilds the state from a run's events, oldest first (as <c>events.jsonl</c> holds them).</summary>
    /// <exception cref="InvalidDataException">The events do not begin with <see cref="RunStarted"/>.</exception>
    public static CoordinationCheckpoint FromEvents(IEnumerable<CoordinationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var reader = new CheckpointReader();
        foreach (var coordinationEvent in events)
        {
            reader.Apply(coordinationEvent);
        }

        return reader.Build();
    }
}

/// <summary>One agent's standing in a checkpoint.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Failed">True when it left the quorum (its answer stays votable).</param>
/// <param name="ConsecutiveFailures">Failed turns in a row.</param>
/// <param name="TurnsTaken">Turns it started, presentation included: its next turn has the next number.</param>
/// <param name="Usage">Tokens and cost it spent.</param>
public sealed record AgentCheckpoint(string AgentId, bool Failed, int ConsecutiveFailures, int TurnsTaken, TokenUsage Usage);

/// <summary>A turn that was under way when the run stopped.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="TurnNumber">The turn's number.</param>
/// <param name="Kind">What the turn was for.</param>
public sealed record InterruptedTurn(string AgentId, string Label, int TurnNumber, TurnKind Kind);

/// <summary>A resumption of a run that had stopped.</summary>
/// <param name="ResumedAt">When it was resumed.</param>
/// <param name="AfterSequence">The last event written before the stop.</param>
/// <param name="RedoneTurns">The turns that were in flight and were started again.</param>
/// <param name="AnswersRestored">Answers that were on the board already.</param>
/// <param name="VotesRestored">Counting votes that were already cast.</param>
public sealed record Resumption(DateTimeOffset ResumedAt, long AfterSequence, IReadOnlyList<InterruptedTurn> RedoneTurns, int AnswersRestored, int VotesRestored);

/// <summary>What a post-evaluation restart told the next attempt (COORDINATION.md §9).</summary>
/// <param name="Reason">The reviewer's reason.</param>
/// <param name="Instructions">The reviewer's instructions.</param>
/// <param name="FinalAnswer">The previous attempt's final answer.</param>
public sealed record RestartFeedback(string Reason, string Instructions, string FinalAnswer);
