using System.Text.Json.Nodes;
using MassGen.Testing;
using MassGen.Testing.Processes;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// A claude_code agent's MCP servers, workspace, readable folders and tool permissions reach the Claude Code CLI as
/// its own flags and a private <c>--mcp-config</c> file, checked against a fake <c>claude</c> that records them.
/// </summary>
public sealed class ClaudeCodeToolsTests : IDisposable
{
    private readonly FakeClaudeCli _cli = FakeClaudeCli.Create(FakeClaudeCli.Replay(Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-answer.jsonl")));
    private readonly string _workspace = Directory.CreateTempSubdirectory("massgen-claude-ws-").FullName;
    private readonly string _context = Directory.CreateTempSubdirectory("massgen-claude-ctx-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_workspace, recursive: true);
        Directory.Delete(_context, recursive: true);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_McpServersWorkspaceAndCommandLine_CliGetsExactFlagsAndAPrivateConfigFile()
    {
        var settings = new ClaudeCodeSettings
        {
            WorkingDirectory = _workspace,
            ReadOnlyDirectories = [_context],
            McpServers =
            [
                new("weather") { Command = "npx", Args = ["-y", "weather-mcp"], Env = new Dictionary<string, string> { ["WEATHER_API_KEY"] = "wk-secret-123456" } },
                new("docs")
                {
                    Url = new Uri("http://127.0.0.1:9/mcp"),
                    Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer tok-123456" },
                    ExcludeTools = ["delete_page"],
                },
            ],
            EnableCommandLine = true,
            DisallowedTools = ["Bash(git push:*)"],
        };

        await StreamAsync(Create(settings, webSearch: true));

        var configPath = _cli.Read("mcp-path.txt");
        Assert.Equal(
            [
                "-p", "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5",
                "--permission-mode", "acceptEdits",
                "--add-dir", _context,
                "--allowedTools", "Bash,WebSearch,WebFetch,mcp__weather,mcp__docs",
                "--disallowedTools", $"Bash(rm:*),Bash(sudo:*),Bash(su:*),Bash(chmod:*),Bash(chown:*),Bash(git push:*),mcp__docs__delete_page,Edit(/{_context}/**)",
                "--mcp-config", configPath, "--strict-mcp-config",
            ],
            _cli.Arguments);
        var expected = JsonNode.Parse("""
            {"mcpServers": {
              "weather": {"type": "stdio", "command": "npx", "args": ["-y", "weather-mcp"], "env": {"WEATHER_API_KEY": "wk-secret-123456"}},
              "docs": {"type": "http", "url": "http://127.0.0.1:9/mcp", "headers": {"Authorization": "Bearer tok-123456"}}
            }}
            """);
        var received = JsonNode.Parse(await File.ReadAllTextAsync(_cli.Recorded("mcp.json")));
        Assert.True(JsonNode.DeepEquals(expected, received), received?.ToJsonString());
        Assert.Equal("600", _cli.Read("mcp-mode.txt"));
        Assert.Equal(_workspace, _cli.Read("cwd.txt"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(configPath)), "the config file and its folder are removed after the run");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_ServerAllowLists_PreApproveOnlyThoseToolsAndAgentListWins()
    {
        ClaudeCodeMcpServer[] servers = [new("weather") { Command = "weather-mcp", AllowedTools = ["forecast", "mcp__weather__alerts"] }];

        await StreamAsync(Create(new ClaudeCodeSettings { McpServers = servers, PermissionMode = "plan" }, webSearch: false));
        var serverLevel = _cli.Arguments;
        await StreamAsync(Create(new ClaudeCodeSettings { McpServers = servers, AllowedTools = ["mcp__weather__now"] }, webSearch: false));
        var agentLevel = _cli.Arguments;

        Assert.Equal("plan", After(serverLevel, "--permission-mode"));
        Assert.Equal("mcp__weather__forecast,mcp__weather__alerts", After(serverLevel, "--allowedTools"));
        Assert.Equal("Bash,WebSearch,WebFetch", After(serverLevel, "--disallowedTools"));
        Assert.Equal("default", After(agentLevel, "--permission-mode"));
        Assert.Equal("mcp__weather__now", After(agentLevel, "--allowedTools"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CliFails_TheMcpConfigFileIsRemovedAnyway()
    {
        _cli.SetBody("echo 'MCP server weather failed to start' >&2; exit 1");
        var client = Create(new ClaudeCodeSettings { McpServers = [new ClaudeCodeMcpServer("weather") { Command = "weather-mcp" }] }, webSearch: false);

        var error = await Assert.ThrowsAsync<ProviderException>(() => StreamAsync(client));

        Assert.Contains("MCP server weather failed to start", error.Message);
        Assert.False(File.Exists(_cli.Read("mcp-path.txt")));
    }

    [Fact]
    public void Validate_UnknownPermissionModeAndServerWithoutCommandOrUrl_BothReported()
    {
        var settings = new BackendSettings("claude_code")
        {
            ClaudeCode = new ClaudeCodeSettings { PermissionMode = "yolo", McpServers = [new ClaudeCodeMcpServer("empty")] },
        };

        var problems = ProviderFactory.Validate(settings, new Dictionary<string, string?> { ["PATH"] = _cli.PathVariable });

        Assert.Equal(
            [
                "permission_mode: 'yolo' is not a Claude Code permission mode: use one of default, acceptEdits, bypassPermissions, plan",
                "mcp_servers: server 'empty' needs either command (a stdio server) or url (an HTTP server)",
            ],
            problems.Where(p => !p.IsWarning).Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_ClaudeCodeSettingsOnAnotherType_Reported()
    {
        var problems = ProviderFactory.Validate(
            new BackendSettings("openai") { ApiKey = "sk-test", ClaudeCode = new ClaudeCodeSettings() }, new Dictionary<string, string?>());

        Assert.Equal("type", Assert.Single(problems).Key);
    }

    private static string After(IReadOnlyList<string> arguments, string flag) => arguments[arguments.ToList().IndexOf(flag) + 1];

    private static async Task StreamAsync(ProviderClient client)
    {
        await foreach (var _ in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions))
        {
        }
    }

    private ProviderClient Create(ClaudeCodeSettings settings, bool webSearch) =>
        ProviderFactory.Create("coder", new BackendSettings("claude_code") { ApiKey = "sk-cli", EnableWebSearch = webSearch, ClaudeCode = settings, MaxRetries = 0 },
            new ProviderContext { Environment = new Dictionary<string, string?> { ["PATH"] = _cli.PathVariable } });
}
