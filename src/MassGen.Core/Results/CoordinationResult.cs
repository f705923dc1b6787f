namespace MassGen.Core.Results;

/// <summary>Everything a coordination produced: the answer, who won and why, what it cost.</summary>
public sealed record CoordinationResult
{
    /// <summary>The final answer, or <c>null</c> when the run ended without one (see <see cref="TerminationReason"/>).</summary>
    public string? FinalAnswer { get; init; }

    /// <summary>The winner's real id, or <c>null</c> without a winner.</summary>
    public string? WinnerId { get; init; }

    /// <summary>The winner's anonymous label.</summary>
    public string? WinnerLabel { get; init; }

    /// <summary>Why the run ended.</summary>
    public required TerminationReason TerminationReason { get; init; }

    /// <summary>A sentence explaining the end of the run for users (e.g. why there is no answer).</summary>
    public string? TerminationDetail { get; init; }

    /// <summary>Whether the final answer came from the presentation turn or fell back to the winning answer.</summary>
    public PresentationOutcome Presentation { get; init; }

    /// <summary>The counting votes at the end, with reasons.</summary>
    public IReadOnlyList<VoteRecord> Votes { get; init; } = [];

    /// <summary>Counting votes per label of the voted-for agent, highest first.</summary>
    public IReadOnlyList<TallyEntry> Tally { get; init; } = [];

    /// <summary>Every answer ever accepted, in order, with its revision and time.</summary>
    public IReadOnlyList<AnswerRecord> Answers { get; init; } = [];

    /// <summary>Votes that were cast on an old revision and never counted.</summary>
    public IReadOnlyList<VoteRecord> DiscardedVotes { get; init; } = [];

    /// <summary>
    /// The agents that left the run because they failed, each with the error that ended it, in the order they failed:
    /// a run that still answered says here whose provider (or tools) let it down.
    /// </summary>
    public IReadOnlyList<AgentFailure> Failures { get; init; } = [];

    /// <summary>Per-agent usage, in configuration order.</summary>
    public IReadOnlyList<AgentUsage> Usage { get; init; } = [];

    /// <summary>Sum of all agents' usage.</summary>
    public TokenUsage TotalUsage { get; init; } = TokenUsage.Zero;

    /// <summary>
    /// Tokens left under the token budget when the run ended; negative when the run passed it, by that many.
    /// <c>null</c> without a token budget.
    /// </summary>
    public long? TokensUnderBudget { get; init; }

    /// <summary>
    /// US dollars left under the cost budget when the run ended; negative when the run passed it. <c>null</c> without a
    /// cost budget or when the cost is unknown.
    /// </summary>
    public decimal? CostUnderBudgetUsd { get; init; }

    /// <summary>Agents and their labels, in configuration order.</summary>
    public IReadOnlyList<AgentLabel> Agents { get; init; } = [];

    /// <summary>The seed that produced labels, answer orders and random tie-breaks.</summary>
    public int Seed { get; init; }

    /// <summary>When the run started (from the orchestrator's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Orchestration attempts (1 + post-evaluation restarts).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// The groups and the winning answer's path under the <c>islands</c> and <c>tournament</c> topologies; <c>null</c>
    /// (and not written) when the whole team coordinated as one. Votes, tally and answers above are the final group's.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public TopologyReport? Topology { get; init; }

    /// <summary>
    /// Each time the run was resumed after its process stopped (<see cref="Coordination.Orchestrator.ResumeAsync"/>),
    /// with the turns that were redone; empty for a run that ran in one go.
    /// </summary>
    public IReadOnlyList<Coordination.Resumption> Resumptions { get; init; } = [];
}

/// <summary>How the final answer was obtained.</summary>
public enum PresentationOutcome
{
    /// <summary>There is no final answer.</summary>
    None,

    /// <summary>The winner's presentation turn produced it.</summary>
    Presented,

    /// <summary><c>final_presentation: skip</c>: the winning answer verbatim.</summary>
    Skipped,

    /// <summary>The presentation was empty: the winning answer was used.</summary>
    FellBackEmpty,

    /// <summary>The presentation failed: the winning answer was used.</summary>
    FellBackFailed,

    /// <summary>The presentation timed out: the winning answer was used.</summary>
    FellBackTimeout,
}

/// <summary>An agent's id and label.</summary>
/// <param name="AgentId">Real id from the configuration.</param>
/// <param name="Label">Anonymous label (<c>agent1</c> …).</param>
/// <param name="Model">Model description, if known.</param>
public sealed record AgentLabel(string AgentId, string Label, string? Model);

/// <summary>An accepted answer.</summary>
/// <param name="AgentId">Author's real id.</param>
/// <param name="Label">Author's label.</param>
/// <param name="Revision">Revision of the answer set after accepting this answer.</param>
/// <param name="AnswerNumber">This author's answer count (1 for its first answer).</param>
/// <param name="Content">The answer text as written by its author.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
public sealed record AnswerRecord(string AgentId, string Label, int Revision, int AnswerNumber, string Content, DateTimeOffset AcceptedAt);

/// <summary>A vote.</summary>
/// <param name="VoterId">Voter's real id.</param>
/// <param name="VoterLabel">Voter's label.</param>
/// <param name="TargetId">Real id of the agent voted for.</param>
/// <param name="TargetLabel">Label of the agent voted for.</param>
/// <param name="Reason">The voter's reason.</param>
/// <param name="Revision">Revision the vote was cast on.</param>
/// <param name="CastAt">When it was cast.</param>
public sealed record VoteRecord(string VoterId, string VoterLabel, string TargetId, string TargetLabel, string Reason, int Revision, DateTimeOffset CastAt);

/// <summary>Counting votes received by one agent.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="Votes">Number of counting votes.</param>
public sealed record TallyEntry(string AgentId, string Label, int Votes);

/// <summary>An agent that failed and left the quorum.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="Error">The error of its last failed turn (provider, status and fix, as reported).</param>
/// <param name="FailedAt">When it failed.</param>
public sealed record AgentFailure(string AgentId, string Label, string Error, DateTimeOffset FailedAt);

/// <summary>Usage of one agent over the run.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="Usage">Tokens and cost.</param>
/// <param name="Turns">Model turns taken (presentation included).</param>
public sealed record AgentUsage(string AgentId, string Label, TokenUsage Usage, int Turns);
