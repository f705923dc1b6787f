namespace MassGen.Core.Agents;

/// <summary>
/// Placed by the orchestrator into <c>AIFunctionArguments.Context</c> under <c>typeof(ToolInvocationContext)</c> for
/// every ordinary tool call, so tools know who calls them and can report events.
/// </summary>
/// <param name="AgentId">The calling agent's real id (for logs and permission decisions, never for model-visible text).</param>
/// <param name="Label">The calling agent's anonymous label.</param>
/// <param name="TurnNumber">The agent's turn number (1-based).</param>
/// <param name="IsFinalPresentation">True during the winner's presentation turn.</param>
/// <param name="Reporter">Where to report notices (refusals, server failures).</param>
public sealed record ToolInvocationContext(
    string AgentId,
    string Label,
    int TurnNumber,
    bool IsFinalPresentation,
    IToolEventReporter Reporter);
