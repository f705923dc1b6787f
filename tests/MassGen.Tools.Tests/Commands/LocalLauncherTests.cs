using MassGen.Testing;
using MassGen.Tools.Commands;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Tools.Tests.Commands;

/// <summary>
/// <c>local</c> mode's process ownership: each command's process group belongs to its launch and its launcher, never
/// to process-wide state, and no process of a command outlives it, its time limit or its launcher.
/// </summary>
public sealed class LocalLauncherTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CommandLeavesBackgroundChild_ChildEndsWithTheCommand()
    {
        using var folder = new TempFolder();
        using var launcher = new LocalLauncher();
        var runner = new CommandRunner(new FakeTimeProvider(), 10_000, launcher);

        var result = await runner.RunAsync("sleep 3011 > /dev/null 2>&1 & echo started", folder.Path, TimeSpan.FromMinutes(1));

        Assert.Equal(0, result.ExitCode);
        Assert.True(await HostProcesses.GoneAsync("sleep 3011"), "a background child outlived its command");
        Assert.Equal(0, launcher.LiveCount);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Dispose_CommandStillRunning_ItsWholeGroupKilled()
    {
        using var folder = new TempFolder();
        var launcher = new LocalLauncher();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CommandRunner(new FakeTimeProvider(), 10_000, launcher) { ProcessStarted = pid => started.TrySetResult(pid) };
        var run = runner.RunAsync("sleep 3012 > /dev/null 2>&1 & sleep 3013", folder.Path, TimeSpan.FromMinutes(10));
        await started.Task;

        launcher.Dispose();
        var result = await run;

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(await HostProcesses.GoneAsync("sleep 3012"), "the background child survived the launcher");
        Assert.True(await HostProcesses.GoneAsync("sleep 3013"), "the command survived the launcher");
        Assert.Throws<ObjectDisposedException>(() => launcher.Prepare("true", folder.Path, isFinalPresentation: false));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DisposeAsync_LocalAgentWithRunningCommand_CommandKilled()
    {
        var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, ExecutionMode = CommandExecutionMode.Local });
        var call = agent.CallAsync("execute_command", fixture.Reporter, ("command", "sleep 3014"));
        Assert.True(await WaitForAsync("sleep 3014"), "the command did not start");

        await fixture.DisposeAsync();

        Assert.True(await HostProcesses.GoneAsync("sleep 3014"), "the command outlived its agent's environment");
        Assert.StartsWith("exit code:", Assert.IsType<string>(await call), StringComparison.Ordinal);
    }

    private static async Task<bool> WaitForAsync(string commandLine)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < HostProcesses.Bound)
        {
            if (HostProcesses.Running(commandLine))
            {
                return true;
            }

            await Task.Delay(HostProcesses.PollInterval);
        }

        return false;
    }
}
