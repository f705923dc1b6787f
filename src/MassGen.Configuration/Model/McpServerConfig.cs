namespace MassGen.Configuration;

/// <summary>One entry of a backend's <c>mcp_servers</c>; its tools are offered as <c>mcp__&lt;name&gt;__&lt;tool&gt;</c>.</summary>
/// <param name="Name">Server name, unique within the agent; part of every tool name.</param>
/// <param name="Transport">How the server is reached.</param>
public sealed record McpServerConfig(string Name, McpTransport Transport)
{
    /// <summary>The program to start (stdio).</summary>
    public string? Command { get; init; }

    /// <summary>Its arguments (stdio).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Extra environment variables for the process (stdio), <c>${VAR}</c> already expanded.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>The server's URL (streamable HTTP).</summary>
    public string? Url { get; init; }

    /// <summary>HTTP headers sent with every request (streamable HTTP).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Only these tools of the server are offered (names as the server gives them or the full <c>mcp__</c> name); <c>null</c> for all.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>These tools of the server are never offered.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary><c>sandbox: true</c> (stdio only): the server runs in its agent's bubblewrap sandbox, like its commands.</summary>
    public bool Sandbox { get; init; }
}
