namespace MassGen.Tools.Settings;

/// <summary>How an MCP server is reached (<c>type:</c> of an <c>mcp_servers</c> entry).</summary>
public enum McpTransportKind
{
    /// <summary>A child process speaking JSON-RPC on its standard input and output.</summary>
    Stdio,

    /// <summary>An HTTP endpoint speaking the streamable HTTP transport.</summary>
    StreamableHttp,
}
