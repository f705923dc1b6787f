using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>The result object (COORDINATION.md §10).</summary>
internal sealed partial class CoordinationRun
{
    private CoordinationResult BuildResult(CoordinationOutcome outcome, PresentationResult presentation)
    {
        var usage = _agents.Select(a => new AgentUsage(a.Id, a.Label, a.Usage, a.TurnCount)).ToList();
        var reason = _interrupted ? TerminationReason.Interrupted : outcome.Reason;
        return new CoordinationResult
        {
            FinalAnswer = presentation.Answer,
            WinnerId = outcome.Winner?.Id,
            WinnerLabel = outcome.Winner?.Label,
            TerminationReason = reason,
            TerminationDetail = presentation.Answer is null ? outcome.Detail ?? presentation.Detail : outcome.Detail,
            Presentation = presentation.Outcome,
            Votes = [.. CountingVotes()],
            Tally = outcome.Tally,
            Answers = [.. _current.Answers],
            DiscardedVotes = [.. _current.Discarded],
            Usage = usage,
            TotalUsage = usage.Aggregate(TokenUsage.Zero, (sum, u) => sum.Add(u.Usage)),
            Agents = AgentLabels(),
            Seed = _seed,
            StartedAt = _startedAt,
            FinishedAt = _time.GetUtcNow(),
            Attempts = _current.Number,
        };
    }
}
