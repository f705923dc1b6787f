namespace MassGen.Configuration;

/// <summary>The <c>ui</c> section.</summary>
public sealed record UiConfig
{
    /// <summary><c>display_type</c>; <c>null</c> lets the command choose (rich on a terminal, simple otherwise).</summary>
    public DisplayType? DisplayType { get; init; }

    /// <summary><c>logging_enabled</c>: write run logs under <c>.massgen/logs</c>; default true. False writes nothing.</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary><c>use_orchestrator_for_single_agent</c>; default true. False lets a lone agent answer directly.</summary>
    public bool UseOrchestratorForSingleAgent { get; init; } = true;
}
