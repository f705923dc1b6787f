using System.Text.Json.Serialization;

namespace MassGen.Core.Events;

/// <summary>
/// Something that happened during a coordination (COORDINATION.md §10). The hierarchy is closed: every kind is a
/// sealed record listed here, serialised to JSON with a <c>type</c> discriminator. Consumers switch on the type;
/// nobody parses text to learn what happened.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "run_started")]
[JsonDerivedType(typeof(RunResumed), "run_resumed")]
[JsonDerivedType(typeof(TurnStarted), "turn_started")]
[JsonDerivedType(typeof(TextDelta), "text_delta")]
[JsonDerivedType(typeof(ReasoningDelta), "reasoning_delta")]
[JsonDerivedType(typeof(ToolCallStarted), "tool_call_started")]
[JsonDerivedType(typeof(ToolCallFinished), "tool_call_finished")]
[JsonDerivedType(typeof(ToolNotice), "tool_notice")]
[JsonDerivedType(typeof(AnswerAccepted), "answer_accepted")]
[JsonDerivedType(typeof(DecisionRejected), "decision_rejected")]
[JsonDerivedType(typeof(VoteCounted), "vote_counted")]
[JsonDerivedType(typeof(VoteDiscarded), "vote_discarded")]
[JsonDerivedType(typeof(VotesCleared), "votes_cleared")]
[JsonDerivedType(typeof(TurnCancelled), "turn_cancelled")]
[JsonDerivedType(typeof(TurnFailed), "turn_failed")]
[JsonDerivedType(typeof(AgentRetrying), "agent_retrying")]
[JsonDerivedType(typeof(AgentFailed), "agent_failed")]
[JsonDerivedType(typeof(AgentTimedOut), "agent_timed_out")]
[JsonDerivedType(typeof(WrapUpStarted), "wrap_up_started")]
[JsonDerivedType(typeof(VotingDeferred), "voting_deferred")]
[JsonDerivedType(typeof(ConsensusReached), "consensus_reached")]
[JsonDerivedType(typeof(PresentationStarted), "presentation_started")]
[JsonDerivedType(typeof(FinalAnswerDelta), "final_answer_delta")]
[JsonDerivedType(typeof(PresentationFinished), "presentation_finished")]
[JsonDerivedType(typeof(UsageReported), "usage")]
[JsonDerivedType(typeof(OrchestrationRestarting), "orchestration_restarting")]
[JsonDerivedType(typeof(RoundStarted), "round_started")]
[JsonDerivedType(typeof(GroupFormed), "group_formed")]
[JsonDerivedType(typeof(GroupConverged), "group_converged")]
[JsonDerivedType(typeof(GroupFailed), "group_failed")]
[JsonDerivedType(typeof(RunFinished), "run_finished")]
public abstract record CoordinationEvent
{
    /// <summary>Position in the run's event stream, from 1, without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>When the orchestrator published the event (its <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Orchestration attempt (1, or more after post-evaluation restarts).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>
    /// The group the event happened in, as <c>round.group</c> (e.g. <c>1.3</c>), under the <c>islands</c> and
    /// <c>tournament</c> topologies; <c>null</c> (and not written) when the whole team coordinates as one.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Group { get; init; }
}
