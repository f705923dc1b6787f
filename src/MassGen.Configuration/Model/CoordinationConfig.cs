namespace MassGen.Configuration;

/// <summary>The <c>orchestrator.coordination</c> subsection.</summary>
public sealed record CoordinationConfig
{
    /// <summary><c>max_orchestration_restarts</c>: post-evaluation restarts; default 0.</summary>
    public int MaxOrchestrationRestarts { get; init; }
}
