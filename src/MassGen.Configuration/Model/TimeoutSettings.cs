namespace MassGen.Configuration;

/// <summary>The <c>timeout_settings</c> section.</summary>
public sealed record TimeoutSettings
{
    /// <summary><c>orchestrator_timeout_seconds</c>: wall clock of the whole coordination; default 1800.</summary>
    public double OrchestratorTimeoutSeconds { get; init; } = 1800;
}
