namespace MassGen.Tools.Mcp;

/// <summary>Where an MCP server of one agent stands.</summary>
public enum McpServerState
{
    /// <summary>Not started yet.</summary>
    NotStarted,

    /// <summary>Connected; its tools are offered.</summary>
    Running,

    /// <summary>Failed to start, crashed or kept failing: switched off for this agent for the rest of the run.</summary>
    SwitchedOff,

    /// <summary>Stopped at the end of the run.</summary>
    Disposed,
}
