using System.Net;
using System.Net.Sockets;
using MassGen.Testing;
using MassGen.Tools.Commands;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Settings;
using MassGen.Tools.Tests.Support;
using MassGen.Tools.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Tools.Tests.Sandboxing;

/// <summary>
/// The escape corpus, run straight through the sandbox (no text check in front): a sentinel file outside the
/// workspace must never show up in a command's output and must stay unchanged, whatever the command tries.
/// </summary>
[Collection(ProcessNumberUsers.Name)]
public sealed class SandboxEscapeTests : IAsyncDisposable
{
    private const string SentinelText = "SENTINEL-7f3a91-do-not-leak";
    private const string ParentSecret = "sk-parent-secret-5521";
    private readonly HubFixture _fixture = new();
    private readonly string _sentinelDirectory;
    private readonly string _sentinel;
    private readonly List<SandboxLauncher> _launchers = [];

    public SandboxEscapeTests()
    {
        _sentinel = _fixture.Root.WriteFile("outside/sentinel.txt", SentinelText);
        _sentinelDirectory = Path.GetDirectoryName(_sentinel)!;
        Environment.SetEnvironmentVariable("MASSGEN_ESCAPE_TEST_API_KEY", ParentSecret);
        Environment.SetEnvironmentVariable("DATABASE_URL", "postgres://user:" + ParentSecret + "@db/x");
    }

    public static TheoryData<string, string> Corpus => new()
    {
        { "dot-dot", "cat {rel}" },
        { "absolute", "cat {S}" },
        { "symlink made inside", "ln -s {D} link && cat link/sentinel.txt" },
        { "planted symlink", "cat planted/sentinel.txt" },
        { "variable", "d={D}; cat $d/sentinel.txt" },
        { "command substitution", "cat $(printf '%s' '{S}')" },
        { "script written then run", "printf 'cat {S}\\necho pwned >> {S}\\n' > s.sh && sh s.sh" },
        { "append redirection", "echo pwned >> {S}; cat {S}" },
        { "new file outside", "echo pwned > {D}/new.txt; ls {D}" },
        { "system folder write", "echo pwned > /usr/local/bin/massgen-pwned; echo pwned > /etc/massgen-pwned" },
        { "shadow", "cat /etc/shadow" },
        { "init environment", "cat /proc/1/environ | tr '\\0' '\\n'" },
        { "own environment", "env" },
        { "parent process", "cat /proc/$PPID/environ /proc/*/environ 2>/dev/null | tr '\\0' '\\n'" },
    };

    [SandboxTheory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Corpus))]
    public async Task Sandbox_EscapeAttempt_SentinelNeverSeenNorChanged(string name, string template)
    {
        var agent = CreateAgent();
        File.CreateSymbolicLink(Path.Join(agent.WorkspacePath!, "planted"), _sentinelDirectory);
        var command = template
            .Replace("{rel}", Path.GetRelativePath(agent.WorkspacePath!, _sentinel), StringComparison.Ordinal)
            .Replace("{S}", _sentinel, StringComparison.Ordinal)
            .Replace("{D}", _sentinelDirectory, StringComparison.Ordinal);

        var result = await Runner(agent, new FakeTimeProvider()).RunAsync(command, agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.False(result.TimedOut, name);
        Assert.DoesNotContain(SentinelText, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ParentSecret, result.Output, StringComparison.Ordinal);
        Assert.Equal(SentinelText, await File.ReadAllTextAsync(_sentinel));
        Assert.Equal([_sentinel], Directory.GetFiles(_sentinelDirectory));
        Assert.False(File.Exists("/usr/local/bin/massgen-pwned"));
        Assert.False(File.Exists("/etc/massgen-pwned"));
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_NetworkOff_LoopbackOfHostUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var agent = CreateAgent();

        var result = await Runner(agent, new FakeTimeProvider()).RunAsync(
            $"bash -c 'echo hello > /dev/tcp/127.0.0.1/{port}' && echo CONNECTED", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.DoesNotContain("CONNECTED", result.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(listener.Pending(), "the sandbox reached the host's loopback");
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_ConfiguredEnvironment_OnlyWhatConfigPasses()
    {
        var agent = CreateAgent(new AgentToolSettings
        {
            Cwd = "ws",
            EnableCommandLine = true,
            CommandEnvironment = new Dictionary<string, string> { ["PROJECT_MODE"] = "test" },
        });

        var result = await Runner(agent, new FakeTimeProvider()).RunAsync("env | sort", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        var names = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).Where(n => n != "PWD" && n != "SHLVL" && n != "_").ToList();
        Assert.Equal(["HOME", "LANG", "PATH", "PROJECT_MODE", "TMPDIR"], names);
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_MemoryHog_KilledByLimitThenNextCommandRuns()
    {
        var agent = CreateAgent(new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, CommandLimits = new CommandLimits { MemoryBytes = 64L << 20 } });
        var runner = Runner(agent, new FakeTimeProvider());

        var hog = await runner.RunAsync("x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo survived ${#x}", agent.WorkspacePath!, TimeSpan.FromMinutes(1));
        var next = await runner.RunAsync("echo next", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.DoesNotContain("survived 400000000", hog.Output, StringComparison.Ordinal);
        Assert.Equal(0, next.ExitCode);
        Assert.Contains("next", next.Output, StringComparison.Ordinal);
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_FileSizeLimit_StopsLargeWrite()
    {
        var agent = CreateAgent(new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, CommandLimits = new CommandLimits { MaxFileSizeBytes = 2L << 20 } });

        var result = await Runner(agent, new FakeTimeProvider()).RunAsync("head -c 10000000 /dev/zero > big.bin; echo done", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.True(new FileInfo(Path.Join(agent.WorkspacePath!, "big.bin")).Length <= 2L << 20);
    }

    [ForkBombSafeFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_ForkBomb_StoppedByProcessLimitAndKilledAtTimeout()
    {
        var time = new FakeTimeProvider();
        var agent = CreateAgent(new AgentToolSettings { Cwd = "ws", EnableCommandLine = true, CommandLimits = new CommandLimits { MaxProcesses = 32 } });
        var limitHit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CommandRunner(time, 20_000, Launcher(agent))
        {
            OutputReceived = chunk =>
            {
                if (chunk.Contains("fork", StringComparison.OrdinalIgnoreCase) || chunk.Contains("Resource temporarily unavailable", StringComparison.Ordinal))
                {
                    limitHit.TrySetResult();
                }
            },
        };

        // The shell then loops on builtins only: a `sleep` after the bomb could itself fail to fork, and the command
        // would end before its timeout.
        var bomb = runner.RunAsync("b(){ b | b & }; b; while :; do :; done", agent.WorkspacePath!, TimeSpan.FromSeconds(30));
        await limitHit.Task;
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await bomb;
        var next = await new CommandRunner(time, 20_000, Launcher(agent)).RunAsync("echo next", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.True(result.TimedOut);
        Assert.Contains("next", next.Output, StringComparison.Ordinal);
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_ThreadThatAskedForTheCommandEnds_CommandRunsOn()
    {
        var agent = CreateAgent();
        var runner = Runner(agent, new FakeTimeProvider());

        // bubblewrap's --die-with-parent fires when the thread that forked it ends (thread-pool threads retire when idle).
        Task<CommandResult>? run = null;
        var thread = new Thread(() => run = runner.RunAsync("while [ ! -e go ]; do sleep 0.05; done; echo went", agent.WorkspacePath!, TimeSpan.FromMinutes(1)));
        thread.Start();
        thread.Join();
        await File.WriteAllTextAsync(Path.Join(agent.WorkspacePath!, "go"), "");
        var result = await run!;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("went", result.Output, StringComparison.Ordinal);
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_TermIgnoringProcess_KilledAtTimeout()
    {
        var time = new FakeTimeProvider();
        var agent = CreateAgent();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CommandRunner(time, 20_000, Launcher(agent)) { OutputReceived = chunk => { if (chunk.Contains("ready", StringComparison.Ordinal)) { ready.TrySetResult(); } } };

        var run = runner.RunAsync("trap '' TERM; sh -c \"trap '' TERM; sleep 3001\" & echo ready; wait", agent.WorkspacePath!, TimeSpan.FromSeconds(10));
        await ready.Task;
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await run;

        Assert.True(result.TimedOut);
        Assert.True(await HostProcesses.GoneAsync("sleep 3001"), "a TERM-ignoring process survived its command");
    }

    [SandboxFact(Timeout = TestTimeouts.Default)]
    public async Task Sandbox_BackgroundChildInNewSession_EndsWithCommand()
    {
        var agent = CreateAgent();

        var result = await Runner(agent, new FakeTimeProvider()).RunAsync("setsid nohup sleep 3002 > /dev/null 2>&1 & echo started", agent.WorkspacePath!, TimeSpan.FromMinutes(1));

        Assert.Equal(0, result.ExitCode);
        Assert.True(await HostProcesses.GoneAsync("sleep 3002"), "a background child outlived its command");
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("MASSGEN_ESCAPE_TEST_API_KEY", null);
        Environment.SetEnvironmentVariable("DATABASE_URL", null);
        _launchers.ForEach(l => l.Dispose());
        await _fixture.DisposeAsync();
    }

    private AgentEnvironment CreateAgent(AgentToolSettings? settings = null) =>
        _fixture.Create("alice", settings ?? new AgentToolSettings { Cwd = "ws", EnableCommandLine = true });

    private SandboxLauncher Launcher(AgentEnvironment agent)
    {
        var launcher = new SandboxLauncher(SandboxTools.Require(), agent.Policy, agent.Settings, CgroupLimiter.System);
        _launchers.Add(launcher);
        return launcher;
    }

    private CommandRunner Runner(AgentEnvironment agent, TimeProvider time) => new(time, 20_000, Launcher(agent));
}
