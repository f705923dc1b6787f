namespace MassGen.Core.Agents;

/// <summary>
/// Lets tools outside Core report what happened to them (an MCP server that failed to start, a refused file access)
/// as coordination events, in order with everything else.
/// </summary>
public interface IToolEventReporter
{
    /// <summary>Reports a notice about a tool source (<paramref name="source"/> is e.g. <c>mcp:files</c> or <c>permissions</c>).</summary>
    void Report(string source, ToolNoticeSeverity severity, string message);
}

/// <summary>How serious a <see cref="IToolEventReporter"/> notice is.</summary>
public enum ToolNoticeSeverity
{
    /// <summary>For the record (a server started).</summary>
    Information,

    /// <summary>Something was refused or degraded but the agent goes on (a permission refusal, a retried call).</summary>
    Warning,

    /// <summary>A tool source is switched off for this agent (a server that failed to start or keeps failing).</summary>
    Error,
}
