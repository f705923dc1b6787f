namespace MassGen.Core.Events;

/// <summary>The validation rules of COORDINATION.md §4, in order.</summary>
public enum DecisionRule
{
    /// <summary>Rule 1: the turn ended without a decision.</summary>
    NoDecision = 1,

    /// <summary>Rule 2: more than one decision call, or both kinds.</summary>
    MultipleDecisions = 2,

    /// <summary>Rule 3: a vote while no answers exist.</summary>
    VoteWithoutAnswers = 3,

    /// <summary>Rule 4: a vote for a label that has no answer.</summary>
    UnknownLabel = 4,

    /// <summary>Rule 5: a new answer over the per-agent cap (or during wrap-up).</summary>
    OverAnswerCap = 5,

    /// <summary>Rule 6: a new answer identical or too similar to a current answer.</summary>
    NotNovel = 6,

    /// <summary>The decision's arguments could not be read (malformed JSON, missing fields, unknown tool).</summary>
    MalformedDecision = 7,
}

/// <summary>An answer was accepted; the revision went up and every vote was cleared.</summary>
/// <param name="AgentId">Author's real id.</param>
/// <param name="Label">Author's label.</param>
/// <param name="Revision">The new revision.</param>
/// <param name="AnswerNumber">The author's answer count.</param>
/// <param name="Content">The answer text.</param>
public sealed record AnswerAccepted(string AgentId, string Label, int Revision, int AnswerNumber, string Content) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) answer {AnswerNumber} accepted, revision {Revision}";
}

/// <summary>A decision broke a rule and was fed back to the model.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Message">The feedback sent to the model.</param>
/// <param name="Try">Which try of the turn this was (1 for the first).</param>
/// <param name="WillRetry">False when the retries are exhausted and the turn fails.</param>
public sealed record DecisionRejected(string AgentId, string Label, int TurnNumber, DecisionRule Rule, string Message, int Try, bool WillRetry) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) decision rejected by rule {(int)Rule} ({Rule}): {Message}";
}

/// <summary>A vote on the current revision was counted.</summary>
/// <param name="VoterId">Voter's real id.</param>
/// <param name="VoterLabel">Voter's label.</param>
/// <param name="TargetId">Real id of the agent voted for.</param>
/// <param name="TargetLabel">Label voted for.</param>
/// <param name="Reason">The voter's reason.</param>
/// <param name="Revision">Revision it counts on.</param>
public sealed record VoteCounted(string VoterId, string VoterLabel, string TargetId, string TargetLabel, string Reason, int Revision) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{VoterLabel} ({VoterId}) votes {TargetLabel} ({TargetId}) on revision {Revision}";
}

/// <summary>A vote cast on an old revision was discarded and never counted; the voter gets a new turn.</summary>
/// <param name="VoterId">Voter's real id.</param>
/// <param name="VoterLabel">Voter's label.</param>
/// <param name="TargetLabel">Label voted for (as the voter saw it).</param>
/// <param name="Reason">The voter's reason.</param>
/// <param name="CastOnRevision">Revision the voter's turn was on.</param>
/// <param name="CurrentRevision">Revision when the vote arrived.</param>
public sealed record VoteDiscarded(string VoterId, string VoterLabel, string TargetLabel, string Reason, int CastOnRevision, int CurrentRevision) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{VoterLabel} ({VoterId}) vote for {TargetLabel} discarded: cast on revision {CastOnRevision}, current {CurrentRevision}";
}

/// <summary>Votes were cleared because an answer was accepted.</summary>
/// <param name="Revision">The new revision.</param>
/// <param name="VoterIds">Agents whose votes were cleared (each takes a new turn).</param>
public sealed record VotesCleared(int Revision, IReadOnlyList<string> VoterIds) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{VoterIds.Count} votes cleared at revision {Revision}";
}
