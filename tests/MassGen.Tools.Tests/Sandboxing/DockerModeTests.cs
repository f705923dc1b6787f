using System.Globalization;
using MassGen.Testing;
using MassGen.Tools.Internal;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Tools.Tests.Sandboxing;

/// <summary><c>docker</c> mode against a fake <c>docker</c> program that records its arguments.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerModeTests
{
    private static string ExpectedUser =>
        PosixUser.UserId is { } uid && uid != 0 ? string.Create(CultureInfo.InvariantCulture, $"{uid}:{PosixUser.GroupId}") : "65534:65534";

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_DockerModeEveryKey_RunsExactDockerCommandLine()
    {
        using var docker = new FakeDocker();
        await using var fixture = new HubFixture();
        var docs = fixture.Root.WriteFile("docs/readme.md", "read me");
        var project = fixture.Root.Combine("project");
        Directory.CreateDirectory(Path.Join(project, ".git"));
        var agent = fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            EnableCommandLine = true,
            ExecutionMode = CommandExecutionMode.Docker,
            ContextPaths = [new ContextPathSettings(Path.GetDirectoryName(docs)!), new ContextPathSettings(project, ContextPathAccess.Write)],
            CommandEnvironment = new Dictionary<string, string> { ["PROJECT"] = "demo" },
            CommandLimits = new CommandLimits { CpuSeconds = 120, MemoryBytes = 1L << 30, MaxProcesses = 64, MaxFileSizeBytes = 10L << 20 },
            Docker = new DockerSettings { Image = "python:3.12-slim", MemoryLimit = "2g", CpuLimit = 1.5, NetworkMode = "bridge", Executable = docker.Executable },
        });

        var coordination = await agent.CallAsync("execute_command", fixture.Reporter, ("command", "python3 -V"));
        var presentation = await agent.CallAsync("execute_command", fixture.Reporter, finalPresentation: true, ("command", "ls"));

        Assert.StartsWith("exit code: 0", Assert.IsType<string>(coordination), StringComparison.Ordinal);
        Assert.Contains("ran-in-fake-container", (string)coordination!, StringComparison.Ordinal);
        var runs = docker.Calls().Where(c => c[0] == "run").ToList();
        Assert.Equal(2, runs.Count);
        var name = runs[0][runs[0].IndexOf("--name") + 1];
        Assert.Matches("^massgen-cmd-[0-9a-f]{12}$", name);
        var workspace = agent.WorkspacePath!;
        List<string> Expected(string container, bool writable, string command) =>
        [
            "run", "--rm", "--init", "--name", container,
            "--network", "bridge",
            "--user", ExpectedUser,
            "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges",
            "--read-only",
            "--tmpfs", "/tmp",
            "--memory", "2g",
            "--memory-swap", "2g",
            "--cpus", "1.5",
            "--pids-limit", "64",
            "--ulimit", "cpu=120:120",
            "--ulimit", $"fsize={10L << 20}:{10L << 20}",
            "--ulimit", "core=0:0",
            "--volume", $"{Path.GetDirectoryName(docs)}:{Path.GetDirectoryName(docs)}:ro",
            "--volume", $"{project}:{project}:{(writable ? "rw" : "ro")}",
            .. writable ? (string[])["--volume", $"{project}/.git:{project}/.git:ro"] : [],
            "--volume", $"{agent.SharedFolderPath}:{agent.SharedFolderPath}:ro",
            "--volume", $"{workspace}:{workspace}:rw",
            "--workdir", workspace,
            "--env", $"HOME={workspace}",
            "--env", "TMPDIR=/tmp",
            "--env", "LANG=C.UTF-8",
            "--env", "PROJECT=demo",
            "python:3.12-slim", "/bin/sh", "-c", command,
        ];
        Assert.Equal(Expected(name, writable: false, "python3 -V"), runs[0]);
        Assert.Equal(Expected(runs[1][runs[1].IndexOf("--name") + 1], writable: true, "ls"), runs[1]);
        Assert.Contains(fixture.Reporter.Notices, n => n.Message.Contains("(docker, network on)", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ExecuteCommand_DockerDefaults_NoNetworkDefaultImageLimitsFromCommandLimits()
    {
        using var docker = new FakeDocker();
        await using var fixture = new HubFixture();
        var agent = fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            EnableCommandLine = true,
            ExecutionMode = CommandExecutionMode.Docker,
            Docker = new DockerSettings { SearchPath = docker.Directory + ":/usr/bin:/bin" },
        });

        await agent.CallAsync("execute_command", fixture.Reporter, ("command", "true"));

        var run = Assert.Single(docker.Calls(), c => c[0] == "run");
        Assert.Equal("none", run[run.IndexOf("--network") + 1]);
        Assert.Equal((4L << 30).ToString(CultureInfo.InvariantCulture), run[run.IndexOf("--memory") + 1]);
        Assert.DoesNotContain("--cpus", run);
        Assert.Equal(DockerSettings.DefaultImage, run[^4]);
        Assert.Contains("there is no network", agent.SystemPromptSection, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CreateEnvironment_DockerMissing_SaysInstallDockerOrUseSandbox()
    {
        await using var fixture = new HubFixture();
        var empty = fixture.Root.Combine("empty-bin");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<SandboxUnavailableException>(() => fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            EnableCommandLine = true,
            ExecutionMode = CommandExecutionMode.Docker,
            Docker = new DockerSettings { SearchPath = empty },
        }));

        Assert.Contains("no docker program is on the PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("install Docker", error.Message, StringComparison.Ordinal);
        Assert.Contains("command_line_execution_mode: sandbox", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CreateEnvironment_DaemonUnreachable_SaysStartDockerOrUseSandbox()
    {
        using var docker = new FakeDocker(daemonUp: false);
        await using var fixture = new HubFixture();

        var error = Assert.Throws<SandboxUnavailableException>(() => fixture.Create("alice", new AgentToolSettings
        {
            Cwd = "ws",
            EnableCommandLine = true,
            ExecutionMode = CommandExecutionMode.Docker,
            Docker = new DockerSettings { Executable = docker.Executable },
        }));

        Assert.Contains("the Docker daemon cannot be reached (Cannot connect to the Docker daemon", error.Message, StringComparison.Ordinal);
        Assert.Contains("start Docker", error.Message, StringComparison.Ordinal);
        Assert.Contains("command_line_execution_mode: sandbox", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(docker.Calls(), c => c[0] == "run");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_DockerCommandTimesOut_ContainerKilledByName()
    {
        using var docker = new FakeDocker(run: "exec sleep 3007");
        await using var fixture = new HubFixture();
        var time = new FakeTimeProvider();
        var settings = new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, ExecutionMode = CommandExecutionMode.Docker, Docker = new DockerSettings { Executable = docker.Executable } };
        var agent = fixture.Create("alice", settings);
        var launcher = new DockerLauncher(docker.Executable, agent.Policy, settings);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new MassGen.Tools.Commands.CommandRunner(time, 10_000, launcher) { ProcessStarted = pid => started.TrySetResult(pid) };

        var run = runner.RunAsync("sleep 1000", agent.WorkspacePath!, TimeSpan.FromSeconds(5));
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run;

        Assert.True(result.TimedOut);
        var calls = docker.Calls();
        var name = calls.Single(c => c[0] == "run") is var r ? r[r.IndexOf("--name") + 1] : null;
        Assert.Contains(calls, c => c.SequenceEqual(["kill", name!]));
        Assert.True(await HostProcesses.GoneAsync("sleep 3007"), "the docker client outlived its command");
    }
}
