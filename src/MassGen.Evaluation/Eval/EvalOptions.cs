namespace MassGen.Evaluation.Eval;

/// <summary>What <c>massgen eval</c> runs: the benchmark, the arms, the seeds, the limits and where the results go.</summary>
public sealed record EvalOptions
{
    /// <summary><c>ifeval</c>, <c>gsm8k</c> or <c>choice</c>.</summary>
    public required string Benchmark { get; init; }

    /// <summary>The benchmark's input file.</summary>
    public required string InputPath { get; init; }

    /// <summary>The folder for manifest.json, items.jsonl and the reports.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Only the first N items; all when null.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// The arms as given (<c>single:ID</c>, <c>single</c> for every member, <c>vote</c>, <c>council</c>, <c>team</c>,
    /// <c>oracle</c>, <c>self-consistency</c>); every arm when empty.
    /// </summary>
    public IReadOnlyList<string> Arms { get; init; } = [];

    /// <summary>How many times each item runs in each arm (seeds 1..N).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Items in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Stop starting new work once the spend reaches this many US dollars; null for no cap.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Continue the eval in <see cref="OutputDirectory"/>: finished item × arm × seed lines are kept, only the rest runs.</summary>
    public bool Resume { get; init; }

    /// <summary>Samples of the self-consistency arm; null to match the team's median tokens.</summary>
    public int? SelfConsistencyK { get; init; }

    /// <summary>The member who writes the council's final answer; the first member when null.</summary>
    public string? Chairman { get; init; }

    /// <summary>
    /// A separate file of the same benchmark on which the best single member is chosen (its single runs are logged as
    /// <c>select:ID</c> and kept out of the report's arms); the evaluated items themselves when null.
    /// </summary>
    public string? SelectOnPath { get; init; }

    /// <summary>Seed of the paired bootstrap.</summary>
    public int BootstrapSeed { get; init; } = 12345;

    /// <summary>Resamples of the paired bootstrap.</summary>
    public int BootstrapResamples { get; init; } = 10_000;
}
