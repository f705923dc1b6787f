using System.Text.Json.Serialization;

namespace MassGen.Evaluation.Eval.Reports;

/// <summary>report.json: per arm accuracy with its Wilson interval and spend, and the paired comparisons of the team.</summary>
internal sealed record EvalReport
{
    public required string Benchmark { get; init; }

    /// <summary>Every planned unit finished.</summary>
    public bool Complete { get; init; }

    /// <summary>Why the eval stopped early (cost cap, interruption), or null.</summary>
    public string? StopReason { get; init; }

    public int UnitsPlanned { get; init; }

    public int UnitsFinished { get; init; }

    public int Items { get; init; }

    public int Seeds { get; init; }

    public IReadOnlyList<ArmSummary> Arms { get; init; } = [];

    public IReadOnlyList<Comparison> Comparisons { get; init; } = [];

    /// <summary>Arms asked for that do not apply to the benchmark (vote and self-consistency on IFEval).</summary>
    public IReadOnlyList<string> NotApplicable { get; init; } = [];

    /// <summary>The best single member's arm, against which rescue and harm are counted.</summary>
    public string? BestSingle { get; init; }

    /// <summary>Where the best single member was chosen, and what that means for the comparison.</summary>
    public string? BestSingleSelectedOn { get; init; }

    /// <summary>Item × seed pairs the team got right and the best single member wrong.</summary>
    public int? Rescue { get; init; }

    /// <summary>Item × seed pairs the best single member got right and the team wrong.</summary>
    public int? Harm { get; init; }

    [JsonPropertyName("self_consistency_k")]
    public int? SelfConsistencyK { get; init; }

    public TeamSummary? Team { get; init; }

    /// <summary>Finished units whose cost is unknown (a model without a price); the spend leaves them out.</summary>
    public int UnitsWithUnknownCost { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One arm's accuracy (fractions 0–1, Wilson 95 %) and spend. Errors are neither right nor wrong and not in n.</summary>
internal sealed record ArmSummary
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("n")]
    public int N { get; init; }

    [JsonPropertyName("correct")]
    public int Correct { get; init; }

    [JsonPropertyName("accuracy")]
    public double? Accuracy { get; init; }

    [JsonPropertyName("ci95_low")]
    public double? Ci95Low { get; init; }

    [JsonPropertyName("ci95_high")]
    public double? Ci95High { get; init; }

    [JsonPropertyName("tokens")]
    public long Tokens { get; init; }

    [JsonPropertyName("cost_usd")]
    public decimal? CostUsd { get; init; }

    [JsonPropertyName("wall_seconds")]
    public double WallSeconds { get; init; }

    [JsonPropertyName("errors")]
    public int Errors { get; init; }
}

/// <summary>The team against another arm on the item × seed pairs both scored.</summary>
internal sealed record Comparison
{
    [JsonPropertyName("arm_a")]
    public required string ArmA { get; init; }

    [JsonPropertyName("arm_b")]
    public required string ArmB { get; init; }

    [JsonPropertyName("pairs")]
    public int Pairs { get; init; }

    [JsonPropertyName("both_right")]
    public int BothRight { get; init; }

    [JsonPropertyName("only_a")]
    public int OnlyA { get; init; }

    [JsonPropertyName("only_b")]
    public int OnlyB { get; init; }

    [JsonPropertyName("both_wrong")]
    public int BothWrong { get; init; }

    [JsonPropertyName("mcnemar_p")]
    public double McnemarP { get; init; }

    [JsonPropertyName("holm_p")]
    public double HolmP { get; init; }

    [JsonPropertyName("diff")]
    public double? Diff { get; init; }

    [JsonPropertyName("diff_ci95_low")]
    public double? DiffCi95Low { get; init; }

    [JsonPropertyName("diff_ci95_high")]
    public double? DiffCi95High { get; init; }
}

/// <summary>How the team's runs went: the herding figures.</summary>
internal sealed record TeamSummary
{
    public int Runs { get; init; }

    /// <summary>Mean model turns of the busiest member per run.</summary>
    public double MeanRounds { get; init; }

    public double AnswersPerAgent { get; init; }

    public double? SelfVoteRate { get; init; }

    public double? FirstAnswerWinRate { get; init; }

    /// <summary>Runs whose winner replaced its answer after a peer had answered.</summary>
    public int Flips { get; init; }

    /// <summary>Runs whose top vote count was shared.</summary>
    public int Ties { get; init; }
}
