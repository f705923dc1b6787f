using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>The result object (COORDINATION.md §10).</summary>
internal sealed partial class CoordinationRun
{
    private CoordinationResult BuildResult(CoordinationOutcome outcome, PresentationResult presentation)
    {
        var usage = _agents.Select(a => new AgentUsage(a.Id, a.Label, a.Usage, a.TurnCount)).ToList();
        var reason = _interrupted ? TerminationReason.Interrupted : outcome.Reason;
        var total = usage.Aggregate(TokenUsage.Zero, (sum, u) => sum.Add(u.Usage));
        long? tokensUnder = _options.MaxTotalTokens is { } maxTokens ? maxTokens - total.TotalTokens : null;
        decimal? costUnder = _options.MaxCostUsd is { } maxCost && total.CostUsd is { } cost ? maxCost - cost : null;
        var detail = presentation.Answer is null ? outcome.Detail ?? presentation.Detail : outcome.Detail;
        if (reason == TerminationReason.Budget)
        {
            detail = $"{detail} {BudgetMarginText(tokensUnder, costUnder)}".Trim();
        }

        return new CoordinationResult
        {
            FinalAnswer = presentation.Answer,
            WinnerId = outcome.Winner?.Id,
            WinnerLabel = outcome.Winner?.Label,
            TerminationReason = reason,
            TerminationDetail = detail,
            Presentation = presentation.Outcome,
            Votes = [.. CountingVotes()],
            Tally = outcome.Tally,
            Answers = [.. _current.Answers],
            DiscardedVotes = [.. _current.Discarded],
            Failures = [.. _failures],
            Usage = usage,
            TotalUsage = total,
            TokensUnderBudget = tokensUnder,
            CostUnderBudgetUsd = costUnder,
            Agents = AgentLabels(),
            Seed = _seed,
            StartedAt = _startedAt,
            FinishedAt = _time.GetUtcNow(),
            Attempts = _current.Number,
            Resumptions = _resumptions,
        };
    }

    /// <summary>By how much the run stayed under (or passed) each budget, for the termination text.</summary>
    private string BudgetMarginText(long? tokensUnder, decimal? costUnder)
    {
        var parts = new List<string>();
        if (tokensUnder is { } tokens && _options.MaxTotalTokens is { } maxTokens)
        {
            parts.Add(tokens >= 0
                ? $"{tokens} tokens ({(double)tokens / maxTokens:P1}) under the token budget"
                : $"{-tokens} tokens ({(double)-tokens / maxTokens:P1}) over the token budget");
        }

        if (costUnder is { } cost && _options.MaxCostUsd is { } maxCost)
        {
            parts.Add(cost >= 0
                ? $"${cost:0.######} ({cost / maxCost:P1}) under the cost budget"
                : $"${-cost:0.######} ({-cost / maxCost:P1}) over the cost budget");
        }

        return parts.Count == 0 ? "" : $"The run ended {string.Join(" and ", parts)}.";
    }
}
