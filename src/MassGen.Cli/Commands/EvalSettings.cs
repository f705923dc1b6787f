namespace MassGen.Cli.Commands;

/// <summary>The parsed <c>massgen eval</c> options.</summary>
internal sealed record EvalSettings
{
    public required string ConfigPath { get; init; }

    public required string Benchmark { get; init; }

    public required string Input { get; init; }

    public required string Output { get; init; }

    public int? Limit { get; init; }

    public IReadOnlyList<string> Arms { get; init; } = [];

    public int Seeds { get; init; } = 1;

    public int Concurrency { get; init; } = 4;

    public decimal? MaxCostUsd { get; init; }

    public bool Resume { get; init; }

    public bool Json { get; init; }

    public int? SelfConsistencyK { get; init; }

    public string? Chairman { get; init; }

    public string? SelectOn { get; init; }

    /// <summary>The Redis server of the cluster to join (<c>--cluster</c> or <c>MASSGEN_CLUSTER_REDIS</c>); none: every model call in this process.</summary>
    public string? Cluster { get; init; }
}
