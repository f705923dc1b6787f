using MassGen.Core.Results;

namespace MassGen.Core.Events;

/// <summary>A round of the <c>islands</c> or <c>tournament</c> topology began; its groups run in parallel.</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Groups">How many groups the round has.</param>
/// <param name="Agents">How many agents take part in it.</param>
/// <param name="IsFinal">True for the last round: its winner presents the final answer.</param>
public sealed record RoundStarted(int Round, int Groups, int Agents, bool IsFinal) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"round {Round}: {Groups} group(s) of {Agents} agents{(IsFinal ? " (final)" : "")}";
}

/// <summary>A group was formed; <see cref="CoordinationEvent.Group"/> names it.</summary>
/// <param name="Round">The round it belongs to.</param>
/// <param name="AgentIds">Its members' real ids, in the group's registration order.</param>
/// <param name="StartsFromAnswers">True when the members start from the answers that won them the previous round.</param>
public sealed record GroupFormed(int Round, IReadOnlyList<string> AgentIds, bool StartsFromAnswers) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"group {Group}: {string.Join(", ", AgentIds)}{(StartsFromAnswers ? " (from their winning answers)" : "")}";
}

/// <summary>A group chose its winner, whose answer advances (or, in the final round, is presented).</summary>
/// <param name="Round">The round it belongs to.</param>
/// <param name="WinnerId">The winner's real id.</param>
/// <param name="Reason">How the group ended (consensus, timeout…; single agent for a bye).</param>
/// <param name="WinningAnswer">The winning answer as it advances.</param>
public sealed record GroupConverged(int Round, string WinnerId, TerminationReason Reason, string WinningAnswer) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"group {Group}: winner {WinnerId} by {Reason}";
}

/// <summary>A group ended without a winner (every member failed, or none answered); the other groups go on.</summary>
/// <param name="Round">The round it belongs to.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="Detail">A sentence for users.</param>
public sealed record GroupFailed(int Round, TerminationReason Reason, string? Detail) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"group {Group} has no winner: {Reason}{(Detail is null ? "" : $" ({Detail})")}";
}
