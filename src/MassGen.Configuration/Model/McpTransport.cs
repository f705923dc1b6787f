namespace MassGen.Configuration;

/// <summary>How an MCP server is reached (<c>type</c> of an <c>mcp_servers</c> entry).</summary>
public enum McpTransport
{
    /// <summary>A child process speaking over stdin/stdout (<c>stdio</c>).</summary>
    Stdio,

    /// <summary>An HTTP endpoint (<c>streamable-http</c>).</summary>
    StreamableHttp,
}
