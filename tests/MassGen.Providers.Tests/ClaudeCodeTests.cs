using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Processes;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// Backend type claude_code against a fake <c>claude</c> executable on PATH that replays recorded stream-json and
/// records its arguments and stdin.
/// </summary>
public sealed class ClaudeCodeTests : IDisposable
{
    private readonly FakeClaudeCli _cli = FakeClaudeCli.Create("exit 1");

    public void Dispose() => _cli.Dispose();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_RecordedAnswer_TextReasoningUsageAndCliCost()
    {
        var client = Create(FakeClaude(Fixture("claude-code-answer.jsonl")));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.ChatClient.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, "What is 2+2?")], client.ChatOptions))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("2 + 2 = 4.\n\n{\"action\":\"new_answer\",\"content\":\"4\"}", response.Text);
        Assert.Equal("The question asks for a sum.", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        var usage = TokenUsage.From(response.Usage);
        Assert.Equal(10 + 120 + 4150, usage.InputTokens);
        Assert.Equal(4150, usage.CachedInputTokens);
        Assert.Equal(56, usage.OutputTokens);
        Assert.Equal(0.0123456m, usage.CostUsd);
        Assert.True(client.DecisionsAsJsonText);

        // No workspace, command line, web search or MCP servers: edits need approval (refused in print mode), and
        // Bash and the web tools are off.
        Assert.Equal(
            ["-p", "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5", "--permission-mode", "default", "--disallowedTools", "Bash,WebSearch,WebFetch"],
            _cli.Arguments);
        var prompt = _cli.Read("stdin.txt");
        Assert.Contains("You are terse.", prompt);
        Assert.Contains("What is 2+2?", prompt);
        Assert.Equal("sk-cli", _cli.Read("key.txt"));
        Assert.False(File.Exists(_cli.Recorded("mcp.json")), "no MCP servers, so no --mcp-config");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CliReportsError_ProviderExceptionWithItsMessage()
    {
        var client = Create(FakeClaude(Fixture("claude-code-error.jsonl")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Contains("Invalid API key · Please run /login", error.Message);
        Assert.Contains("Agent 'coder'", error.Message);
        Assert.Contains("claude login", error.Fix);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CliExitsWithoutResult_ReportsExitCodeAndStderr()
    {
        var client = Create(FakeClaude("""echo "error: unknown option '--verbose'" >&2; exit 2"""));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Contains("exited with code 2", error.Message);
        Assert.Contains("unknown option '--verbose'", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_Cancelled_KillsTheCliProcess()
    {
        var client = Create(FakeClaude("""
            echo $$ > "$DIR/pid.txt"
            echo '{"type":"assistant","message":{"content":[{"type":"text","text":"thinking hard"}]}}'
            exec sleep 600
            """));
        using var cancellation = new CancellationTokenSource();
        var stream = client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions, cancellation.Token).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal("thinking hard", stream.Current.Text);

        var next = stream.MoveNextAsync();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await stream.DisposeAsync();

        var pid = int.Parse(_cli.Read("pid.txt"));
        Assert.False(Directory.Exists($"/proc/{pid}"), "the CLI process should be gone");
    }

    [Fact]
    public void Validate_CliNotOnPath_SaysHowToInstall()
    {
        var empty = Directory.CreateTempSubdirectory("massgen-no-claude-").FullName;
        var problems = ProviderFactory.Validate(new BackendSettings("claude_code"), new Dictionary<string, string?> { ["PATH"] = empty });

        // Besides the warning that no key is set (the CLI's own login may do).
        var problem = Assert.Single(problems, p => !p.IsWarning);
        Assert.Equal("type", problem.Key);
        Assert.True(problem.IsAboutThisMachine);
        Assert.Contains("no 'claude' executable is on PATH", problem.Message);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", problem.Message);
        Assert.Throws<BackendConfigurationException>(() => ProviderFactory.Create("coder", new BackendSettings("claude_code"),
            new ProviderContext { Environment = new Dictionary<string, string?> { ["PATH"] = empty } }));
        Directory.Delete(empty);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CliGoneAtCallTime_PermanentFailureSayingHowToInstall()
    {
        var client = Create(FakeClaude(Fixture("claude-code-answer.jsonl")));
        File.Delete(_cli.Executable);

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        // The engine fails the agent at once instead of backing off: the CLI will not appear by retrying.
        Assert.True(((MassGen.Core.Agents.IPermanentFailure)error).IsPermanent);
        Assert.Contains("Agent 'coder'", error.Message);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_CliExitsWithoutResult_NotPermanentSoTheEngineRetries()
    {
        var client = Create(FakeClaude("echo 'boom' >&2; exit 3"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.True(error.IsTransient);
        Assert.False(((MassGen.Core.Agents.IPermanentFailure)error).IsPermanent);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(529, true)]
    public async Task Streaming_CliPassesOnApiError_StatusKeptSoPermanentErrorsAreNotRetried(int status, bool transient)
    {
        var result = new System.Text.Json.Nodes.JsonObject { ["type"] = "result", ["is_error"] = true, ["result"] = $"API Error: {status} {{\"type\":\"error\"}}" }.ToJsonString();
        var client = Create(FakeClaude($"echo run >> \"$DIR/runs.txt\"; echo '{result}'; exit 1"), maxRetries: 0);

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
        Assert.Contains($"HTTP {status}: Claude Code reported an error: API Error: {status}", error.Message);
        Assert.Single(File.ReadAllLines(_cli.Recorded("runs.txt")));
    }

    [Theory]
    [InlineData("API Error: 401 {\"type\":\"error\"}", 401)]
    [InlineData("API Error: 500", 500)]
    [InlineData("API Error: 4011 nope", null)]
    [InlineData("API Error: 200 fine", null)]
    [InlineData("Invalid API key · Please run /login", null)]
    public void ApiStatus_ReadsOnlyAnErrorStatusAtTheStart(string failure, int? status) =>
        Assert.Equal(status, (int?)MassGen.Providers.ClaudeCode.ClaudeCodeChatClient.ApiStatus(failure));

    private static string Fixture(string name) => FakeClaudeCli.Replay(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private FakeClaudeCli FakeClaude(string body)
    {
        _cli.SetBody(body);
        return _cli;
    }

    private static ProviderClient Create(FakeClaudeCli cli, int? maxRetries = null) => ProviderFactory.Create("coder", new BackendSettings("claude_code") { ApiKey = "sk-cli", MaxRetries = maxRetries },
        new ProviderContext { Environment = new Dictionary<string, string?> { ["PATH"] = cli.PathVariable } });
}
