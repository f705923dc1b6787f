using System.Text.Json.Nodes;

namespace MassGen.Providers.ClaudeCode;

/// <summary>
/// The Claude Code CLI's flags for one agent: print mode with stream-json output, the model, the permission mode, the
/// readable folders (<c>--add-dir</c>), the tools it may use without asking (<c>--allowedTools</c>) or not at all
/// (<c>--disallowedTools</c>), and its MCP servers (<c>--mcp-config</c> with <c>--strict-mcp-config</c>, so servers
/// from the user's own Claude Code settings do not join the run).
/// </summary>
internal static class ClaudeCodeCommandLine
{
    // The original's default refusals while Bash is on: commands that destroy or escalate beyond the workspace.
    private static readonly string[] s_destructiveCommands = ["Bash(rm:*)", "Bash(sudo:*)", "Bash(su:*)", "Bash(chmod:*)", "Bash(chown:*)"];
    private static readonly string[] s_webTools = ["WebSearch", "WebFetch"];

    public static List<string> Arguments(string model, ClaudeCodeSettings settings, bool webSearch, string? mcpConfigPath)
    {
        var arguments = new List<string> { "-p", "--output-format", "stream-json", "--verbose", "--model", model };
        arguments.AddRange(["--permission-mode", settings.PermissionMode ?? (settings.WorkingDirectory is null ? "default" : "acceptEdits")]);
        foreach (var directory in settings.ReadOnlyDirectories)
        {
            arguments.AddRange(["--add-dir", directory]);
        }

        var allowed = new List<string>();
        var disallowed = new List<string>();
        if (settings.EnableCommandLine)
        {
            allowed.Add("Bash");
            disallowed.AddRange(s_destructiveCommands);
        }
        else
        {
            disallowed.Add("Bash");
        }

        (webSearch ? allowed : disallowed).AddRange(s_webTools);
        // In print mode nothing can be approved interactively: an MCP tool not pre-approved is refused.
        allowed.AddRange(settings.AllowedTools.Count > 0 ? settings.AllowedTools
            : settings.McpServers.SelectMany(s => s.AllowedTools is { } only ? only.Select(t => ToolName(s, t)) : [$"mcp__{s.Name}"]));
        disallowed.AddRange(settings.DisallowedTools);
        disallowed.AddRange(settings.McpServers.SelectMany(s => s.ExcludeTools.Select(t => ToolName(s, t))));

        // Edit rules cover every file-editing tool; "//" makes the pattern an absolute path.
        disallowed.AddRange(settings.ReadOnlyDirectories.Select(d => $"Edit(/{Path.TrimEndingDirectorySeparator(d)}/**)"));
        if (allowed.Count > 0)
        {
            arguments.AddRange(["--allowedTools", string.Join(',', allowed.Distinct(StringComparer.Ordinal))]);
        }

        if (disallowed.Count > 0)
        {
            arguments.AddRange(["--disallowedTools", string.Join(',', disallowed.Distinct(StringComparer.Ordinal))]);
        }

        if (mcpConfigPath is not null)
        {
            arguments.AddRange(["--mcp-config", mcpConfigPath, "--strict-mcp-config"]);
        }

        return arguments;
    }

    private static string ToolName(ClaudeCodeMcpServer server, string tool) =>
        tool.StartsWith("mcp__", StringComparison.Ordinal) ? tool : $"mcp__{server.Name}__{tool}";

    /// <summary>The servers in the CLI's <c>{"mcpServers": {name: {...}}}</c> format.</summary>
    public static JsonObject McpConfig(IReadOnlyList<ClaudeCodeMcpServer> servers)
    {
        var entries = new JsonObject();
        foreach (var server in servers)
        {
            var entry = server.Url is { } url
                ? new JsonObject { ["type"] = "http", ["url"] = url.ToString() }
                : new JsonObject
                {
                    ["type"] = "stdio",
                    ["command"] = server.Command,
                    ["args"] = new JsonArray([.. server.Args.Select(a => (JsonNode)a)]),
                };
            var map = server.Url is null ? ("env", server.Env) : ("headers", server.Headers);
            if (map.Item2.Count > 0)
            {
                var values = new JsonObject();
                foreach (var (name, value) in map.Item2)
                {
                    values[name] = value;
                }

                entry[map.Item1] = values;
            }

            entries[server.Name] = entry;
        }

        return new JsonObject { ["mcpServers"] = entries };
    }
}
