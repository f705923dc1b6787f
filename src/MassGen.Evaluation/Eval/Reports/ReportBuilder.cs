using MassGen.Evaluation.Eval.Statistics;

namespace MassGen.Evaluation.Eval.Reports;

/// <summary>Computes report.json's figures from the finished units.</summary>
internal static class ReportBuilder
{
    public static EvalReport Build(ReportInput input)
    {
        var seeds = input.Records.Select(r => r.Seed).Distinct().Count();
        var byArm = input.Records
            .Where(r => !r.Arm.StartsWith(ArmPlan.SelectPrefix, StringComparison.Ordinal))
            .GroupBy(r => r.Arm, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => (r.ItemIndex, r.Seed)), StringComparer.Ordinal);
        if (input.Plan.Oracle)
        {
            byArm[ArmPlan.OracleArm] = Oracle(byArm);
        }

        var arms = input.Plan.Names.Select(name => Summarise(name, byArm.GetValueOrDefault(name) ?? [])).ToList();
        var comparisons = new List<Comparison>();
        if (input.Plan.Team)
        {
            var team = byArm.GetValueOrDefault(ArmPlan.TeamArm) ?? [];
            foreach (var other in input.Plan.Names.Where(n => n != ArmPlan.TeamArm))
            {
                comparisons.Add(Compare(team, byArm.GetValueOrDefault(other) ?? [], other, input.BootstrapResamples, input.BootstrapSeed));
            }

            var holm = EvalStatistics.Holm([.. comparisons.Select(c => c.McnemarP)]);
            comparisons = [.. comparisons.Select((c, i) => c with { HolmP = holm[i] })];
        }

        int? rescue = null, harm = null;
        if (input.Plan.Team && input.BestSingle is { } best && comparisons.FirstOrDefault(c => c.ArmB == ArmPlan.SinglePrefix + best) is { } versusBest)
        {
            (rescue, harm) = (versusBest.OnlyA, versusBest.OnlyB);
        }

        var notes = new List<string>();
        if (input.BestSingle is not null)
        {
            notes.Add(input.SelectOn is null
                ? "The best single member was chosen on the evaluated items themselves, which flatters the single baseline; use --select-on FILE for a separate selection split."
                : "The best single member was chosen on a separate selection split (--select-on).");
        }

        if (input.Plan.Vote || input.Plan.Council)
        {
            notes.Add("vote and council are built on the members' single answers: their tokens and cost include those answers.");
        }

        if (input.Plan.Oracle)
        {
            notes.Add("oracle counts an item right when any other arm got it right; it makes no calls.");
        }

        var finished = input.Records.Count;
        return new EvalReport
        {
            Benchmark = input.Benchmark,
            Complete = input.StopReason is null && finished >= input.UnitsPlanned,
            StopReason = input.StopReason,
            UnitsPlanned = input.UnitsPlanned,
            UnitsFinished = finished,
            Items = input.Items.Count,
            Seeds = seeds,
            Arms = arms,
            Comparisons = comparisons,
            NotApplicable = input.Plan.NotApplicable,
            BestSingle = input.BestSingle is null ? null : ArmPlan.SinglePrefix + input.BestSingle,
            BestSingleSelectedOn = input.BestSingle is null ? null : input.SelectOn is null ? "the evaluated items (flatters the single baseline)" : "a separate selection split: " + Path.GetFileName(input.SelectOn),
            Rescue = rescue,
            Harm = harm,
            SelfConsistencyK = input.Plan.SelfConsistency ? input.SelfConsistencyK : null,
            Team = input.Plan.Team ? TeamFigures([.. (byArm.GetValueOrDefault(ArmPlan.TeamArm) ?? []).Values]) : null,
            UnitsWithUnknownCost = input.Records.Count(r => r.CostUsd is null && r.Tokens > 0),
            Notes = notes,
        };
    }

    private static Dictionary<(int, int), ItemRecord> Oracle(Dictionary<string, Dictionary<(int ItemIndex, int Seed), ItemRecord>> byArm)
    {
        var oracle = new Dictionary<(int, int), ItemRecord>();
        foreach (var group in byArm.Values.SelectMany(a => a.Values).GroupBy(r => (r.ItemIndex, r.Seed)))
        {
            var scored = group.Where(r => r.Correct is not null).ToList();
            var first = group.First();
            oracle[group.Key] = new ItemRecord
            {
                ItemId = first.ItemId,
                ItemIndex = first.ItemIndex,
                Arm = ArmPlan.OracleArm,
                Seed = first.Seed,
                Correct = scored.Count == 0 ? null : scored.Any(r => r.Correct == true),
                Error = scored.Count == 0 ? "every arm failed on this item" : null,
            };
        }

        return oracle;
    }

    private static ArmSummary Summarise(string name, Dictionary<(int ItemIndex, int Seed), ItemRecord> records)
    {
        var scored = records.Values.Where(r => r.Correct is not null).ToList();
        var correct = scored.Count(r => r.Correct == true);
        var interval = EvalStatistics.Wilson(correct, scored.Count);
        var costs = records.Values.Select(r => r.CostUsd).ToList();
        return new ArmSummary
        {
            Name = name,
            N = scored.Count,
            Correct = correct,
            Accuracy = scored.Count == 0 ? null : (double)correct / scored.Count,
            Ci95Low = interval?.Low,
            Ci95High = interval?.High,
            Tokens = records.Values.Sum(r => r.Tokens),
            CostUsd = costs.Count > 0 && costs.All(c => c is null) && records.Values.Any(r => r.Tokens > 0) ? null : costs.Sum(c => c ?? 0),
            WallSeconds = Math.Round(records.Values.Sum(r => r.WallSeconds), 6),
            Errors = records.Values.Count(r => r.Error is not null),
        };
    }

    private static Comparison Compare(Dictionary<(int, int), ItemRecord> team, Dictionary<(int, int), ItemRecord> other, string name, int resamples, int seed)
    {
        var pairs = team.Where(p => p.Value.Correct is not null && other.TryGetValue(p.Key, out var o) && o.Correct is not null)
            .OrderBy(p => p.Key)
            .Select(p => (A: p.Value.Correct == true, B: other[p.Key].Correct == true))
            .ToList();
        int bothRight = pairs.Count(p => p.A && p.B), onlyA = pairs.Count(p => p.A && !p.B), onlyB = pairs.Count(p => !p.A && p.B);
        var interval = EvalStatistics.PairedBootstrap([.. pairs.Select(p => p.A)], [.. pairs.Select(p => p.B)], resamples, seed);
        return new Comparison
        {
            ArmA = ArmPlan.TeamArm,
            ArmB = name,
            Pairs = pairs.Count,
            BothRight = bothRight,
            OnlyA = onlyA,
            OnlyB = onlyB,
            BothWrong = pairs.Count - bothRight - onlyA - onlyB,
            McnemarP = EvalStatistics.McNemarExact(onlyA, onlyB),
            Diff = pairs.Count == 0 ? null : (double)(onlyA - onlyB) / pairs.Count,
            DiffCi95Low = interval?.Low,
            DiffCi95High = interval?.High,
        };
    }

    private static TeamSummary TeamFigures(IReadOnlyList<ItemRecord> runs)
    {
        var figures = runs.Where(r => r.Team is not null).Select(r => r.Team!).ToList();
        var votes = figures.Sum(f => f.Votes);
        var won = figures.Where(f => f.Winner is not null).ToList();
        return new TeamSummary
        {
            Runs = figures.Count,
            MeanRounds = figures.Count == 0 ? 0 : figures.Average(f => f.Rounds),
            AnswersPerAgent = figures.Sum(f => f.Agents) == 0 ? 0 : (double)figures.Sum(f => f.Answers) / figures.Sum(f => f.Agents),
            SelfVoteRate = votes == 0 ? null : (double)figures.Sum(f => f.SelfVotes) / votes,
            FirstAnswerWinRate = won.Count == 0 ? null : (double)won.Count(f => f.FirstAnswerWon) / won.Count,
            Flips = figures.Count(f => f.WinnerRevised),
            Ties = figures.Count(f => f.Tie),
        };
    }
}
