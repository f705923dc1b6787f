namespace MassGen.Tools.Settings;

/// <summary>
/// The tool-related settings of one agent's backend block: workspace, context paths, command line, tool filters and
/// MCP servers. Plain options; the configuration layer maps YAML into them.
/// </summary>
public sealed record AgentToolSettings
{
    /// <summary>
    /// <c>cwd</c>: when set, the agent gets a workspace and the workspace tools. The folder itself is created inside the
    /// run folder (several runs never share one), so the value only switches the feature on.
    /// </summary>
    public string? Cwd { get; init; }

    /// <summary>The user's files and folders the agent may read (and, for <c>write</c> ones, the final presenter may change).</summary>
    public IReadOnlyList<ContextPathSettings> ContextPaths { get; init; } = [];

    /// <summary><c>enable_mcp_command_line</c>: gives the agent <c>execute_command</c> (needs a workspace).</summary>
    public bool EnableCommandLine { get; init; }

    /// <summary><c>command_line_allowed_commands</c>: when not empty, a command must match one of these regexes.</summary>
    public IReadOnlyList<string> AllowedCommands { get; init; } = [];

    /// <summary><c>command_line_blocked_commands</c>: a command matching any of these regexes is refused.</summary>
    public IReadOnlyList<string> BlockedCommands { get; init; } = [];

    /// <summary><c>command_line_execution_mode</c>: how commands are isolated. Default <see cref="CommandExecutionMode.Sandbox"/>.</summary>
    public CommandExecutionMode ExecutionMode { get; init; } = CommandExecutionMode.Sandbox;

    /// <summary><c>command_line_network</c>: sandboxed commands may use the network. Default false (only a private loopback).</summary>
    public bool CommandNetwork { get; init; }

    /// <summary>
    /// <c>command_line_env</c>: the only environment variables a sandboxed command gets besides PATH, HOME, TMPDIR and
    /// LANG. Nothing of the host's environment is passed otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> CommandEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>command_line_docker_*</c> settings, used in <see cref="CommandExecutionMode.Docker"/> mode.</summary>
    public DockerSettings Docker { get; init; } = new();

    /// <summary><c>command_line_limits</c>: kernel-enforced limits of sandboxed commands.</summary>
    public CommandLimits CommandLimits { get; init; } = new();

    /// <summary>Default time limit of <c>execute_command</c> when the model gives none. Default 60 seconds.</summary>
    public TimeSpan DefaultCommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest time limit a model may ask for. Default 10 minutes.</summary>
    public TimeSpan MaxCommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many characters of a command's output (and of a read file) reach the model. Default 20,000.</summary>
    public int MaxOutputCharacters { get; init; } = 20_000;

    /// <summary><c>allowed_tools</c>: when not empty, only tools with these names are offered (<c>*</c> is a wildcard).</summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary><c>exclude_tools</c>: tools never offered; wins over <see cref="AllowedTools"/>.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary><c>mcp_servers</c>.</summary>
    public IReadOnlyList<McpServerSettings> McpServers { get; init; } = [];

    /// <summary>Every problem with these settings, each naming the field and how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (EnableCommandLine && Cwd is null)
        {
            problems.Add("enable_mcp_command_line: commands run in the agent's workspace; set cwd as well.");
        }

        foreach (var (pattern, key) in AllowedCommands.Select(p => (p, "command_line_allowed_commands")).Concat(BlockedCommands.Select(p => (p, "command_line_blocked_commands"))))
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"{key}: '{pattern}' is not a valid regular expression ({ex.Message}).");
            }
        }

        foreach (var contextPath in ContextPaths)
        {
            if (string.IsNullOrWhiteSpace(contextPath.Path))
            {
                problems.Add("context_paths: an entry has an empty path.");
            }
        }

        problems.AddRange(CommandLimits.Validate());
        if (ExecutionMode == CommandExecutionMode.Docker)
        {
            problems.AddRange(Docker.Validate());
        }

        foreach (var name in CommandEnvironment.Keys.Where(n => n.Length == 0 || n.Contains('=', StringComparison.Ordinal) || n.Contains('\0', StringComparison.Ordinal)))
        {
            problems.Add($"command_line_env: '{name}' is not a valid environment variable name.");
        }

        if (DefaultCommandTimeout <= TimeSpan.Zero || MaxCommandTimeout < DefaultCommandTimeout)
        {
            problems.Add("command timeouts: the default must be positive and not above the maximum.");
        }

        if (MaxOutputCharacters < 100)
        {
            problems.Add("max output characters: must be at least 100.");
        }

        foreach (var duplicate in McpServers.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"mcp_servers: the name '{duplicate.Key}' is used {duplicate.Count()} times; names must be unique.");
        }

        problems.AddRange(McpServers.SelectMany(s => s.Validate()));
        return problems;
    }
}
