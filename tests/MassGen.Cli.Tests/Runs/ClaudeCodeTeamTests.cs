using MassGen.Cli.Runs;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Processes;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Tests.Runs;

/// <summary>
/// A claude_code agent loaded from a config file: its workspace, context paths, MCP servers and command line reach
/// the Claude Code CLI (a fake on PATH that records them) through the real loader, workspace hub and provider.
/// </summary>
public sealed class ClaudeCodeTeamTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task LoadAsync_ClaudeCodeWithToolsAndWorkspace_CliRunsInTheWorkspaceWithTheServersAndFolders()
    {
        using var cli = FakeClaudeCli.Create("""echo '{"type":"result","subtype":"success","is_error":false,"result":"ok","usage":{"input_tokens":1,"output_tokens":1}}'""");
        using var test = new TestHost(variables: new Dictionary<string, string> { ["PATH"] = cli.PathVariable, ["ANTHROPIC_API_KEY"] = "sk-ant-test-1234" });
        Directory.CreateDirectory(Path.Combine(test.WorkingDirectory, "project"));
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, """
            agents:
              - id: coder
                backend:
                  type: claude_code
                  cwd: workspace
                  context_paths: [{ path: project, permission: read }]
                  enable_mcp_command_line: true
                  mcp_servers:
                    weather: { type: stdio, command: weather-mcp, env: { WEATHER_TOKEN: "${ANTHROPIC_API_KEY}" } }
            """);

        await using var team = await new ConfigTeamLoader(test.Host).LoadAsync(new TeamSource("team.yaml", config, null));
        Assert.True(team.IsValid, string.Join("\n", team.Errors));
        var agent = Assert.Single(team.Agents);
        await foreach (var _ in agent.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], agent.ChatOptions))
        {
        }

        var environment = Assert.IsAssignableFrom<MassGen.Tools.Workspaces.AgentEnvironment>(agent.Environment);
        Assert.Equal(environment.WorkspacePath, cli.Read("cwd.txt"));
        var arguments = cli.Arguments.ToList();
        Assert.Equal("acceptEdits", arguments[arguments.IndexOf("--permission-mode") + 1]);
        Assert.Equal(
            [Path.Combine(test.WorkingDirectory, "project"), environment.SharedFolderPath],
            arguments.Select((a, i) => (a, i)).Where(p => p.a == "--add-dir").Select(p => arguments[p.i + 1]));
        Assert.Equal("Bash,mcp__weather", arguments[arguments.IndexOf("--allowedTools") + 1]);
        Assert.Contains("\"WEATHER_TOKEN\": \"sk-ant-test-1234\"", await File.ReadAllTextAsync(cli.Recorded("mcp.json")));
        Assert.DoesNotContain("sk-ant-test-1234", team.RedactedConfig!.Value);
    }
}
