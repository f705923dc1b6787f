using MassGen.Core.Agents;
using MassGen.Testing;
using MassGen.Tools.Mcp;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Tools.Tests.Mcp;

public sealed class McpClientManagerTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_TestServer_ExposesPrefixedToolsThatWork()
    {
        var reporter = new RecordingReporter();
        await using var manager = new McpClientManager([McpServers.TestServer()]);

        await manager.StartAsync(reporter);
        var result = await Call(manager, "mcp__test__add", ("a", 2), ("b", 40));

        Assert.Contains("mcp__test__echo", manager.Tools.Select(t => t.Name));
        Assert.All(manager.Tools, t => Assert.StartsWith("mcp__test__", t.Name));
        Assert.Equal("42", result);
        Assert.Equal(McpServerState.Running, manager.States["test"]);
        Assert.Contains(reporter.Notices, n => n.Source == "mcp:test" && n.Severity == ToolNoticeSeverity.Information);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_AllowedAndExcludedTools_Filtered()
    {
        await using var manager = new McpClientManager([McpServers.TestServer() with { AllowedTools = ["echo", "mcp__test__add", "get_*"], ExcludeTools = ["get_env"] }]);

        await manager.StartAsync(new RecordingReporter());

        Assert.Equal(["mcp__test__add", "mcp__test__echo"], manager.Tools.Select(t => t.Name).Order());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_EnvWithVariable_ExpandedForChildProcess()
    {
        var settings = McpServers.TestServer() with { Env = new Dictionary<string, string> { ["GREETING"] = "hello ${WHO}!" } };
        await using var manager = new McpClientManager([settings], environmentLookup: name => name == "WHO" ? "world" : null);

        await manager.StartAsync(new RecordingReporter());

        Assert.Equal("hello world!", await Call(manager, "mcp__test__get_env", ("name", "GREETING")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_MissingVariable_SwitchedOffNamingIt()
    {
        var reporter = new RecordingReporter();
        var settings = McpServers.TestServer() with { Env = new Dictionary<string, string> { ["TOKEN"] = "${MASSGEN_SURELY_UNSET_VARIABLE}" } };
        await using var manager = new McpClientManager([settings], environmentLookup: _ => null);

        await manager.StartAsync(reporter);

        Assert.Equal(McpServerState.SwitchedOff, manager.States["test"]);
        Assert.Empty(manager.Tools);
        var notice = Assert.Single(reporter.Notices);
        Assert.Equal(ToolNoticeSeverity.Error, notice.Severity);
        Assert.Contains("MASSGEN_SURELY_UNSET_VARIABLE", notice.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_CommandDoesNotExist_SwitchedOffOthersRun()
    {
        var reporter = new RecordingReporter();
        await using var manager = new McpClientManager([new McpServerSettings("broken") { Command = "/nonexistent/massgen-no-such-server" }, McpServers.TestServer()]);

        await manager.StartAsync(reporter);

        Assert.Equal(McpServerState.SwitchedOff, manager.States["broken"]);
        Assert.Equal(McpServerState.Running, manager.States["test"]);
        Assert.Contains(reporter.Notices, n => n.Source == "mcp:broken" && n.Severity == ToolNoticeSeverity.Error && n.Message.Contains("could not start", StringComparison.Ordinal));
        Assert.Equal("echo: still here", await Call(manager, "mcp__test__echo", ("text", "still here")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CallAsync_ToolHangs_TimesOutOnClockAndServerStaysUsable()
    {
        var time = new FakeTimeProvider();
        var reporter = new RecordingReporter();
        await using var manager = new McpClientManager([McpServers.TestServer() with { CallTimeout = TimeSpan.FromSeconds(5) }], timeProvider: time);
        await manager.StartAsync(reporter);
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        manager.CallStarted = name =>
        {
            if (name == "mcp__test__hang")
            {
                armed.TrySetResult();
            }
        };

        var call = Call(manager, "mcp__test__hang");
        await armed.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => call);

        Assert.Contains("did not answer within 5 s", error.Message);
        Assert.Contains(reporter.Notices, n => n.Severity == ToolNoticeSeverity.Warning && n.Message.Contains("timed out", StringComparison.Ordinal));
        Assert.Equal(McpServerState.Running, manager.States["test"]);
        Assert.Equal("echo: after", await Call(manager, "mcp__test__echo", ("text", "after")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CallAsync_ToolCrashesServer_SwitchedOffAndOtherServerGoesOn()
    {
        var reporter = new RecordingReporter();
        await using var manager = new McpClientManager([McpServers.TestServer("fragile"), McpServers.TestServer("steady")]);
        await manager.StartAsync(reporter);

        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => Call(manager, "mcp__fragile__crash"));

        Assert.Contains("switched off", error.Message);
        Assert.Equal(McpServerState.SwitchedOff, manager.States["fragile"]);
        Assert.DoesNotContain(manager.Tools, t => t.Name.StartsWith("mcp__fragile__", StringComparison.Ordinal));
        Assert.Contains(reporter.Notices, n => n.Source == "mcp:fragile" && n.Severity == ToolNoticeSeverity.Error);
        Assert.Equal("echo: fine", await Call(manager, "mcp__steady__echo", ("text", "fine")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CallAsync_TransientFailure_RetriedOnce()
    {
        await using var manager = new McpClientManager([McpServers.TestServer() with { MaxRetries = 1 }]);
        await manager.StartAsync(new RecordingReporter());

        Assert.Equal("succeeded on call 2", await Call(manager, "mcp__test__flaky", ("failures", 1)));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CallAsync_KeepsFailing_SwitchedOffAfterLimit()
    {
        var reporter = new RecordingReporter();
        await using var manager = new McpClientManager([McpServers.TestServer() with { MaxRetries = 0, MaxConsecutiveFailures = 2 }]);
        await manager.StartAsync(reporter);

        await Assert.ThrowsAsync<ToolCallFailedException>(() => Call(manager, "mcp__test__flaky", ("failures", 100)));
        Assert.Equal(McpServerState.Running, manager.States["test"]);
        await Assert.ThrowsAsync<ToolCallFailedException>(() => Call(manager, "mcp__test__flaky", ("failures", 100)));

        Assert.Equal(McpServerState.SwitchedOff, manager.States["test"]);
        Assert.Contains(reporter.Notices, n => n.Severity == ToolNoticeSeverity.Error && n.Message.Contains("2 calls in a row failed", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CallAsync_ToolReportsError_FailsWithServerWordsWithoutStrike()
    {
        await using var manager = new McpClientManager([McpServers.TestServer() with { MaxConsecutiveFailures = 1 }]);
        await manager.StartAsync(new RecordingReporter());

        var error = await Assert.ThrowsAsync<ToolCallFailedException>(() => Call(manager, "mcp__test__fail", ("message", "disk quota exceeded")));

        Assert.Contains("disk quota exceeded", error.Message);
        Assert.Equal(McpServerState.Running, manager.States["test"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DisposeAsync_RunningServer_ChildProcessEnds()
    {
        var manager = new McpClientManager([McpServers.TestServer()]);
        await manager.StartAsync(new RecordingReporter());
        var pid = int.Parse((string)(await Call(manager, "mcp__test__pid"))!);
        using var process = System.Diagnostics.Process.GetProcessById(pid);

        await manager.DisposeAsync();
        await process.WaitForExitAsync();

        Assert.True(process.HasExited);
        Assert.Equal(McpServerState.Disposed, manager.States["test"]);
    }

    [Fact]
    public void Constructor_InvalidSettings_ListsProblems()
    {
        var error = Assert.Throws<ArgumentException>(() => new McpClientManager([new McpServerSettings("bad name"), new McpServerSettings("web", McpTransportKind.StreamableHttp)]));

        Assert.Contains("must be letters, digits", error.Message);
        Assert.Contains("a stdio server needs the program to start", error.Message);
        Assert.Contains("needs an absolute http(s) URL", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task StartAsync_StdioServer_GetsBaseEnvironmentOnly()
    {
        Environment.SetEnvironmentVariable("MASSGEN_TEST_HOST_ONLY_TOKEN", "host-secret");
        await using var manager = new McpClientManager([McpServers.TestServer()]);
        await manager.StartAsync(new RecordingReporter());

        Assert.Equal("(not set)", await Call(manager, "mcp__test__get_env", ("name", "MASSGEN_TEST_HOST_ONLY_TOKEN")));
        Assert.NotEqual("(not set)", await Call(manager, "mcp__test__get_env", ("name", "PATH")));
    }

    [Theory]
    [InlineData("files", "read_file", "mcp__files__read_file")]
    [InlineData("gh", "repos.list/all", "mcp__gh__repos_list_all")]
    public void ExposedName_ProviderSafeCharacters(string server, string tool, string expected) =>
        Assert.Equal(expected, McpToolFunction.ExposedName(server, tool));

    internal static async Task<object?> Call(McpClientManager manager, string tool, params (string Key, object? Value)[] arguments)
    {
        var function = manager.Tools.Single(t => t.Name == tool);
        return await function.InvokeAsync(new AIFunctionArguments(arguments.ToDictionary(a => a.Key, a => a.Value)));
    }
}
