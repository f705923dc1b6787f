using MassGen.Cli.Displays;

namespace MassGen.Cli.Commands;

/// <summary>The options of a run, as parsed from the command line.</summary>
internal sealed record RunSettings
{
    public string? Question { get; init; }

    public string? ConfigPath { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    public string? Backend { get; init; }

    public string? BaseUrl { get; init; }

    public string? SystemMessage { get; init; }

    public bool Json { get; init; }

    public DisplayKind? Display { get; init; }

    public bool NoLogs { get; init; }

    public bool Debug { get; init; }

    public double? OrchestratorTimeoutSeconds { get; init; }

    public bool Continue { get; init; }

    public string? SessionId { get; init; }

    /// <summary><c>--record FILE</c>: record every model exchange for <c>massgen replay</c>.</summary>
    public string? RecordPath { get; init; }

    public bool IsQuickMode => Model is not null || Models.Count > 0;
}
