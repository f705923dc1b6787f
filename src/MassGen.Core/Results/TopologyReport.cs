using MassGen.Core.Coordination;

namespace MassGen.Core.Results;

/// <summary>How an <c>islands</c> or <c>tournament</c> run went: every group, and the path of the winning answer.</summary>
/// <param name="Topology">The topology used.</param>
/// <param name="GroupSize">The configured group (bracket) size.</param>
/// <param name="Groups">Every group of every round, in round then group order.</param>
/// <param name="WinningPath">Keys of the groups the overall winner won, first round first (its answer's way to the top).</param>
public sealed record TopologyReport(TeamTopology Topology, int GroupSize, IReadOnlyList<GroupResult> Groups, IReadOnlyList<string> WinningPath);

/// <summary>One group of one round.</summary>
/// <param name="Key">Its name, <c>round.group</c>.</param>
/// <param name="Round">The round, from 1.</param>
/// <param name="AgentIds">Its members' real ids.</param>
/// <param name="WinnerId">The winner's real id, or <c>null</c> when the group produced none.</param>
/// <param name="WinningAnswer">The answer that advanced, or <c>null</c>.</param>
/// <param name="Reason">How the group ended.</param>
/// <param name="Detail">A sentence for users, when there is one.</param>
/// <param name="Usage">Tokens and cost spent in the group.</param>
public sealed record GroupResult(string Key, int Round, IReadOnlyList<string> AgentIds, string? WinnerId, string? WinningAnswer, TerminationReason Reason, string? Detail, TokenUsage Usage);
