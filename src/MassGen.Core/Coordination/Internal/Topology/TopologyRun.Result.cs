using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal.Topology;

/// <summary>The run's result: the last group's, over the whole team's usage, with every group and the winner's path.</summary>
internal sealed partial class TopologyRun
{
    private CoordinationResult FinalResult(GroupOutcome final)
    {
        var result = final.Record.Result;
        if (result is null)
        {
            return StoppedResult([]);
        }

        return WholeTeam(result with
        {
            TerminationReason = _callerToken.IsCancellationRequested ? TerminationReason.Interrupted : result.TerminationReason,
        });
    }

    /// <summary>
    /// The run stopped between rounds (interrupted, out of time, or no group produced a winner): the first group winner
    /// of the last round, if any, is the answer, used as written since there was no last round to present it.
    /// </summary>
    private CoordinationResult StoppedResult(List<Contender> winners)
    {
        var lastRound = _groups.Count == 0 ? 1 : _groups.Max(g => g.Round);
        var groups = _groups.Where(g => g.Round == lastRound).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var best = winners.Count == 0 ? null : groups.Where(g => g.WinnerId is not null).Select(g => winners.First(w => w.Agent.Id == g.WinnerId)).First();
        TerminationReason reason;
        string detail;
        if (_callerToken.IsCancellationRequested)
        {
            (reason, detail) = (TerminationReason.Interrupted, "The run was interrupted between rounds.");
        }
        else if (best is not null)
        {
            (reason, detail) = (TerminationReason.Timeout, $"The orchestrator timeout of {_options.OrchestratorTimeout.TotalSeconds:0.###} s ran out after round {lastRound}.");
        }
        else if (groups.All(g => g.Reason == TerminationReason.AllFailed))
        {
            var errors = groups.Where(g => g.Detail is not null).Select(g => $"group {g.Key}: {g.Detail}");
            (reason, detail) = (TerminationReason.AllFailed, $"Every group of round {lastRound} failed ({string.Join("; ", errors)}).");
        }
        else
        {
            var first = groups.First(g => g.Reason != TerminationReason.AllFailed);
            (reason, detail) = (first.Reason, $"No group of round {lastRound} produced a winner: {first.Detail}");
        }

        return WholeTeam(new CoordinationResult
        {
            FinalAnswer = best?.Answer,
            WinnerId = best?.Agent.Id,
            TerminationReason = reason,
            TerminationDetail = best is null ? detail : $"{detail} The leading group winner's answer is used as written.",
            Presentation = best is null ? PresentationOutcome.None : PresentationOutcome.Skipped,
        });
    }

    /// <summary>Puts the whole team into a group's result: labels, usage and budget margins over every group, seed, times, the groups.</summary>
    private CoordinationResult WholeTeam(CoordinationResult result)
    {
        var labels = LabelAssignment.Assign(_agents.Count, _seed);
        List<AgentLabel> agents = [.. _agents.Select((a, i) => new AgentLabel(a.Id, labels[i], a.ModelDescription))];
        var groupUsage = _groups.Where(g => g.Result is not null).SelectMany(g => g.Result!.Usage).ToList();
        List<AgentUsage> usage = [.. agents.Select(a => new AgentUsage(
            a.AgentId,
            a.Label,
            groupUsage.Where(u => u.AgentId == a.AgentId).Aggregate(TokenUsage.Zero, (sum, u) => sum.Add(u.Usage)),
            groupUsage.Where(u => u.AgentId == a.AgentId).Sum(u => u.Turns)))];
        var total = usage.Aggregate(TokenUsage.Zero, (sum, u) => sum.Add(u.Usage));

        // Every group's failed agents, under the labels the whole team's result uses.
        List<AgentFailure> failures = [.. _groups.Where(g => g.Result is not null).SelectMany(g => g.Result!.Failures)
            .Select(f => f with { Label = agents.First(a => a.AgentId == f.AgentId).Label })
            .OrderBy(f => f.FailedAt)];
        var ordered = _groups.OrderBy(g => g.Round).ThenBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var path = result.WinnerId is { } winner ? ordered.Where(g => g.WinnerId == winner).Select(g => g.Key).ToList() : [];
        return result with
        {
            WinnerLabel = result.WinnerId is { } id ? agents.First(a => a.AgentId == id).Label : null,
            Usage = usage,
            TotalUsage = total,
            Failures = failures,
            TokensUnderBudget = _options.MaxTotalTokens is { } maxTokens ? maxTokens - total.TotalTokens : null,
            CostUnderBudgetUsd = _options.MaxCostUsd is { } maxCost && total.CostUsd is { } cost ? maxCost - cost : null,
            Agents = agents,
            Seed = _seed,
            StartedAt = _startedAt,
            FinishedAt = _time.GetUtcNow(),
            Topology = new TopologyReport(
                _options.Topology,
                _options.GroupSize,
                [.. ordered.Select(g => new GroupResult(g.Key, g.Round, g.AgentIds, g.WinnerId, g.WinningAnswer, g.Reason, g.Detail, g.Result?.TotalUsage ?? TokenUsage.Zero))],
                path),
        };
    }
}
