using MassGen.Core.Agents;
using MassGen.Testing;
using MassGen.Tools.Commands;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Tools.Tests.Commands;

public sealed class ExecuteCommandTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_Succeeds_ReportsExitCodeAndOutput()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", "echo hello; echo oops >&2")));

        Assert.StartsWith("exit code: 0\n", result);
        Assert.Contains("hello", result);
        Assert.Contains("oops", result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_NonZeroExit_Reported()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", "echo failing; exit 7")));

        Assert.StartsWith("exit code: 7 (the command failed)", result);
        Assert.Contains("failing", result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_HugeOutput_TruncatedWithNote()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, MaxOutputCharacters = 1_000 });

        var result = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", "echo START; head -c 5000000 /dev/zero | tr '\\0' 'x'; echo; echo END")));

        Assert.True(result.Length < 1_500, $"length {result.Length}");
        Assert.Contains("START", result);
        Assert.Contains("END", result);
        Assert.Contains("output truncated", result);
        Assert.Contains("of 5,000,011 characters", result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Timeout_KillsCommandAndItsChildren()
    {
        var time = new FakeTimeProvider();
        using var folder = new TempFolder();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var grandchildReported = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CommandRunner(time, 10_000)
        {
            ProcessStarted = pid => started.TrySetResult(pid),
            OutputReceived = chunk =>
            {
                if (chunk.Contains("child=", StringComparison.Ordinal))
                {
                    grandchildReported.TrySetResult(int.Parse(chunk.Split("child=")[1].Trim().Split('\n')[0]));
                }
            },
        };

        // A shell that starts a background child (which starts its own sleeper), reports its pid, then waits forever.
        var run = runner.RunAsync("sh -c 'sleep 300' & echo child=$!; sleep 300", folder.Path, TimeSpan.FromSeconds(5));
        var shellPid = await started.Task;
        var childPid = await grandchildReported.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run;

        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.Contains("timed out after 5 s", result.ToModelText(TimeSpan.FromSeconds(5)));
        Assert.True(await ProcessEndedAsync(shellPid), "the shell survived");
        Assert.True(await ProcessEndedAsync(childPid), "the background child survived");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TurnCancelled_KillsCommandAndRethrows()
    {
        using var folder = new TempFolder();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CommandRunner(new FakeTimeProvider(), 10_000) { ProcessStarted = pid => started.TrySetResult(pid) };
        using var turn = new CancellationTokenSource();

        var run = runner.RunAsync("sleep 300", folder.Path, TimeSpan.FromMinutes(5), turn.Token);
        var pid = await started.Task;
        await turn.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await ProcessEndedAsync(pid), "the command survived its cancelled turn");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_BlockedPattern_RefusedAndReported()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, BlockedCommands = [@"\bcurl\b"] });

        var result = await agent.CallAsync("execute_command", fixture.Reporter, ("command", "curl http://example.invalid"));

        Assert.Contains(@"blocked pattern '\bcurl\b'", Assert.IsType<ToolRefusal>(result).Message);
        Assert.Equal("permissions", Assert.Single(fixture.Reporter.Notices).Source);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_NotInAllowedList_Refused()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, AllowedCommands = ["^python3 "] });

        var refused = await agent.CallAsync("execute_command", fixture.Reporter, ("command", "ls -la"));

        Assert.Contains("none of the allowed patterns", Assert.IsType<ToolRefusal>(refused).Message);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("sudo rm -rf /tmp/x", "never allowed")]
    [InlineData("s\\udo id", "never allowed")]
    [InlineData("s''u''do id", "never allowed")]
    [InlineData("\"sudo\" id", "never allowed")]
    [InlineData("echo $(cat /etc/passwd)", "command substitution")]
    [InlineData("cat ../../../../../../outside.txt", "outside your workspace")]
    public async Task ExecuteCommand_DangerousOrEscaping_Refused(string command, string expected)
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = await agent.CallAsync("execute_command", fixture.Reporter, ("command", command));

        Assert.Contains(expected, Assert.IsType<ToolRefusal>(result).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_WritesIntoContextPathDuringCoordination_Refused()
    {
        await using var fixture = new HubFixture();
        var project = fixture.Root.Combine("project");
        var readme = fixture.Root.WriteFile("project/README.md", "hello");
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, ContextPaths = [new ContextPathSettings(project, ContextPathAccess.Write)] });

        var redirect = await agent.CallAsync("execute_command", fixture.Reporter, ("command", $"echo x > {Path.Join(project, "out.txt")}"));
        var remove = await agent.CallAsync("execute_command", fixture.Reporter, ("command", $"rm {readme}"));
        var copy = await agent.CallAsync("execute_command", fixture.Reporter, ("command", $"touch a.txt && cp a.txt {project}/"));
        var readIt = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", $"cat {readme}")));

        Assert.Contains("read-only during coordination", Assert.IsType<ToolRefusal>(redirect).Message);
        Assert.IsType<ToolRefusal>(remove);
        Assert.IsType<ToolRefusal>(copy);
        Assert.Contains("hello", readIt);
        Assert.True(File.Exists(readme));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_WorkDirOutside_Refused()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = await agent.CallAsync("execute_command", fixture.Reporter, ("command", "ls"), ("work_dir", fixture.Root.Path));

        Assert.StartsWith("Refused (execute_command): work_dir:", Assert.IsType<ToolRefusal>(result).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_SystemProgramByAbsolutePath_Allowed()
    {
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice");

        var result = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", "/bin/echo fine 2>&1 >/dev/null; /bin/echo shown")));

        Assert.Contains("shown", result);
    }

    private static async Task<bool> ProcessEndedAsync(int pid)
    {
        // Killing is immediate but the kernel reaps asynchronously: wait a bounded while for the process to go or
        // become a zombie (dead, waiting for its parent).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < HostProcesses.Bound)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state is "Z" or "X")
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(HostProcesses.PollInterval);
        }

        return false;
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_LocalModeHostCredentials_NotVisibleToCommand()
    {
        Environment.SetEnvironmentVariable("MASSGEN_TEST_PROVIDER_API_KEY", "sk-do-not-leak");
        Environment.SetEnvironmentVariable("MASSGEN_TEST_PLAIN_SETTING", "visible");
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, ExecutionMode = CommandExecutionMode.Local });

        var output = Assert.IsType<string>(await agent.CallAsync("execute_command", fixture.Reporter, ("command", "env")));

        Assert.DoesNotContain("sk-do-not-leak", output);
        Assert.Contains("MASSGEN_TEST_PLAIN_SETTING=visible", output);
    }
}
