namespace MassGen.Providers;

/// <summary>
/// How a <c>claude_code</c> agent's CLI is started beyond the model: its working directory, the folders it may read,
/// its MCP servers and which of its own tools it may use (PROVIDERS.md, "Claude Code"). The CLI runs its tools
/// itself, so these settings become command-line flags rather than function tools.
/// </summary>
public sealed record ClaudeCodeSettings
{
    /// <summary>Permission modes the CLI accepts (<c>--permission-mode</c>).</summary>
    public static IReadOnlyList<string> PermissionModes { get; } = ["default", "acceptEdits", "bypassPermissions", "plan"];

    /// <summary>The CLI's working directory, normally the agent's workspace (<c>cwd</c>); the context's directory when <c>null</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Folders the CLI may read but not edit (<c>--add-dir</c> plus an <c>Edit(//path/**)</c> deny rule each): the
    /// agent's context paths and its read-only folder of peers' work.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyDirectories { get; init; } = [];

    /// <summary>MCP servers handed to the CLI in a <c>--mcp-config</c> file; their tools are pre-approved unless <see cref="AllowedTools"/> is given.</summary>
    public IReadOnlyList<ClaudeCodeMcpServer> McpServers { get; init; } = [];

    /// <summary>
    /// Tools the CLI may use without asking (<c>allowed_tools</c> → <c>--allowedTools</c>, e.g. <c>mcp__weather__forecast</c>,
    /// <c>Bash(git diff:*)</c>); empty pre-approves every tool of <see cref="McpServers"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary>Tools the CLI must not use (<c>disallowed_tools</c> and <c>exclude_tools</c> → <c>--disallowedTools</c>).</summary>
    public IReadOnlyList<string> DisallowedTools { get; init; } = [];

    /// <summary>
    /// <c>permission_mode</c>: one of <see cref="PermissionModes"/>. When <c>null</c>, <c>acceptEdits</c> for an agent
    /// with a workspace (it edits its own folder freely) and <c>default</c> otherwise (edits are refused in print mode).
    /// </summary>
    public string? PermissionMode { get; init; }

    /// <summary>
    /// <c>enable_mcp_command_line</c>: the CLI's own Bash tool is allowed (with the destructive commands rm, sudo, su,
    /// chmod and chown denied); without it Bash is disallowed, as other backends get no command line without it.
    /// </summary>
    public bool EnableCommandLine { get; init; }
}
