using System.Globalization;
using MassGen.Core.Results;

namespace MassGen.Cli.Displays;

/// <summary>How results are put into words, the same in every display and in the logs listing.</summary>
internal static class Words
{
    public static string Termination(TerminationReason reason) => reason switch
    {
        TerminationReason.Consensus => "consensus",
        TerminationReason.Timeout => "timeout",
        TerminationReason.Budget => "budget exhausted",
        TerminationReason.Interrupted => "interrupted",
        TerminationReason.AnswerNow => "answer now",
        TerminationReason.AllFailed => "all agents failed",
        TerminationReason.NoAnswers => "no answers",
        TerminationReason.SingleAgent => "single agent",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static string Cost(decimal? costUsd) =>
        costUsd is { } cost ? "$" + cost.ToString(cost < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture) : "cost unknown";

    public static string Tokens(long tokens) => tokens switch
    {
        >= 1_000_000 => (tokens / 1_000_000d).ToString("0.0", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (tokens / 1_000d).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => tokens.ToString(CultureInfo.InvariantCulture),
    };

    public static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public static string Presentation(PresentationOutcome outcome) => outcome switch
    {
        PresentationOutcome.Presented => "presented by the winner",
        PresentationOutcome.Skipped => "winning answer verbatim (presentation skipped)",
        PresentationOutcome.FellBackEmpty => "winning answer (the presentation was empty)",
        PresentationOutcome.FellBackFailed => "winning answer (the presentation failed)",
        PresentationOutcome.FellBackTimeout => "winning answer (the presentation timed out)",
        _ => "no final answer",
    };

    /// <summary>The groups the winning answer came through (islands, tournament), or <c>null</c> when the whole team was one group.</summary>
    public static string? WinningPath(CoordinationResult result) =>
        result.Topology is { } topology
            ? $"Winning path ({topology.Topology.ToString().ToLowerInvariant()}, groups of {topology.GroupSize.ToString(CultureInfo.InvariantCulture)}): "
              + (topology.WinningPath.Count == 0 ? "none" : string.Join(" → ", topology.WinningPath) + $" ({result.WinnerId})")
            : null;

    /// <summary>One group of a topology run: its members and what became of it.</summary>
    public static string Group(GroupResult group) =>
        $"group {group.Key}: {string.Join(", ", group.AgentIds)} → {(group.WinnerId is { } winner ? winner : "no winner")} ({Termination(group.Reason)})";

    /// <summary>What a resumed run redid, e.g. "resumed once after a stop; redone: gamma turn 3"; null for a run that ran in one go.</summary>
    public static string? Resumed(IReadOnlyList<MassGen.Core.Coordination.Resumption> resumptions)
    {
        if (resumptions.Count == 0)
        {
            return null;
        }

        var redone = resumptions.SelectMany(r => r.RedoneTurns).Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.AgentId} turn {t.TurnNumber}")).ToList();
        var times = resumptions.Count == 1 ? "once" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{resumptions.Count} times");
        return $"resumed {times} after a stop; {resumptions.Sum(r => r.AnswersRestored)} answers and {resumptions.Sum(r => r.VotesRestored)} votes restored; redone: {(redone.Count == 0 ? "no turn" : string.Join(", ", redone))}";
    }
}
