using MassGen.Core.Agents;

namespace MassGen.Core.Events;

/// <summary>How a tool call ended.</summary>
public enum ToolCallOutcome
{
    /// <summary>The tool returned a result.</summary>
    Succeeded,

    /// <summary>The tool threw, timed out or was unknown; the error went back to the model.</summary>
    Failed,

    /// <summary>The permission layer refused the call (<see cref="ToolRefusal"/>).</summary>
    Refused,
}

/// <summary>An agent called an ordinary tool.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="CallId">The model's call id.</param>
/// <param name="ToolName">Tool name as the model sees it.</param>
/// <param name="ArgumentsJson">Arguments as JSON.</param>
public sealed record ToolCallStarted(string AgentId, int TurnNumber, string CallId, string ToolName, string ArgumentsJson) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} calls {ToolName}({ArgumentsJson})";
}

/// <summary>An ordinary tool call ended.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="CallId">The model's call id.</param>
/// <param name="ToolName">Tool name.</param>
/// <param name="Duration">How long the call took.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ResultPreview">The start of the result (or error) text.</param>
/// <param name="UpdateInjected">True when the answers update rode on this result (<c>inject</c> policy).</param>
public sealed record ToolCallFinished(string AgentId, int TurnNumber, string CallId, string ToolName, TimeSpan Duration, ToolCallOutcome Outcome, string ResultPreview, bool UpdateInjected) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} {ToolName} {Outcome} in {Duration.TotalMilliseconds:0} ms{(UpdateInjected ? " (+update)" : "")}";
}

/// <summary>A notice from a tool source: an MCP server that failed, a refused access.</summary>
/// <param name="AgentId">Real id of the agent concerned.</param>
/// <param name="Source">Where it comes from (<c>mcp:files</c>, <c>permissions</c>, <c>workspace</c>).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What happened.</param>
public sealed record ToolNotice(string AgentId, string Source, ToolNoticeSeverity Severity, string Message) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} {Source} {Severity}: {Message}";
}
