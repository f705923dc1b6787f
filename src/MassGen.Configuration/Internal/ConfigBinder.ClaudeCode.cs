using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>Backend keys of type <c>claude_code</c>, whose CLI runs its tools and MCP servers itself.</summary>
internal sealed partial class ConfigBinder
{
    private (string? PermissionMode, IReadOnlyList<string> DisallowedTools) BindClaudeCodeKeys(
        SectionReader reader, BackendTypeInfo? type, bool commandLine, IReadOnlyList<McpServerConfig> mcpServers)
    {
        var permissionMode = reader.String("permission_mode");
        var disallowed = reader.StringList("disallowed_tools") ?? [];
        if (type is null)
        {
            return (null, []);
        }

        if (type.Protocol != WireProtocol.ClaudeCodeCli)
        {
            foreach (var key in new[] { "permission_mode", "disallowed_tools" })
            {
                if (reader.Take(key) is { } entry)
                {
                    problems.Warning(reader.PathOf(key), entry.Line, $"ignored: only type claude_code uses {key} (use exclude_tools to hide MCP tools from other types)");
                }
            }

            return (null, []);
        }

        if (commandLine)
        {
            problems.Warning(reader.PathOf("enable_mcp_command_line"), reader.Take("enable_mcp_command_line")!.Line,
                "type claude_code runs commands with the CLI's own Bash tool in its workspace, outside MassGen's sandbox: command_line_* settings do not apply (refuse commands with disallowed_tools, e.g. \"Bash(git push:*)\")");
        }

        foreach (var (server, index) in mcpServers.Select((s, i) => (s, i)).Where(p => p.s.Sandbox))
        {
            problems.Warning(ConfigPath.Key(ConfigPath.Index(reader.PathOf("mcp_servers"), index), "sandbox"), reader.Take("mcp_servers")!.Line,
                $"ignored: the Claude Code CLI starts MCP server '{server.Name}' itself, outside MassGen's sandbox");
        }

        return (permissionMode, disallowed);
    }
}
