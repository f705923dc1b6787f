namespace MassGen.Providers;

/// <summary>One MCP server of a <c>claude_code</c> agent, as the CLI's <c>mcpServers</c> JSON describes it.</summary>
/// <param name="Name">The server's name; its tools are <c>mcp__&lt;name&gt;__&lt;tool&gt;</c>.</param>
public sealed record ClaudeCodeMcpServer(string Name)
{
    /// <summary>The program to start (a stdio server); <c>null</c> for an HTTP server.</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables of the program, already expanded (the config file holding them is private to the run).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>The URL of a streamable HTTP server; <c>null</c> for a stdio server.</summary>
    public Uri? Url { get; init; }

    /// <summary>HTTP headers sent to an HTTP server.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Only these tools of the server are pre-approved (bare or full <c>mcp__</c> names); <c>null</c> for all of them.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>These tools of the server are refused (bare or full <c>mcp__</c> names).</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];
}
