using System.Globalization;
using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Commands;

/// <summary>
/// <c>command_line_execution_mode: docker</c> where Docker cannot work: <c>validate</c> and a run both say what is
/// wrong and how to fix it (install or start Docker, or use the sandbox), before any model is called.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerModeCommandTests
{
    private const string Config = """
        agents:
          - id: builder
            backend:
              type: openai
              model: gpt-5-mini
              cwd: workspace
              enable_mcp_command_line: true
              command_line_execution_mode: docker
              command_line_docker_image: python:3.12-slim
        """;

    private static (TestHost Test, string Config) Setup(string? dockerScript)
    {
        var bin = Path.Combine(Path.GetTempPath(), "massgen-cli-docker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(bin);
        if (dockerScript is not null)
        {
            var docker = Path.Combine(bin, "docker");
            File.WriteAllText(docker, "#!/bin/sh\n" + dockerScript + "\n");
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var test = new TestHost(variables: new Dictionary<string, string> { ["PATH"] = bin, ["OPENAI_API_KEY"] = "sk-test" });
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        File.WriteAllText(config, Config);
        return (test, config);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Validate_DockerNotInstalled_ErrorSaysInstallDockerOrUseSandbox()
    {
        var (test, config) = Setup(dockerScript: null);
        using var _ = test;

        var exit = await new MassGenApp(test.Host).RunAsync(["validate", config]);

        Assert.Equal(ExitCodes.UsageError, exit);
        var error = test.Error.ToString();
        Assert.Contains("agents[0] (builder).backend.command_line_execution_mode: command_line_execution_mode docker needs Docker, but no docker program is on the PATH: install Docker", error, StringComparison.Ordinal);
        Assert.Contains("command_line_execution_mode: sandbox", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Validate_DaemonUnreachable_ErrorSaysStartDocker()
    {
        var (test, config) = Setup("echo 'Cannot connect to the Docker daemon. Is the docker daemon running?' >&2; exit 1");
        using var _ = test;

        var exit = await new MassGenApp(test.Host).RunAsync(["validate", config]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("the Docker daemon cannot be reached (Cannot connect to the Docker daemon. Is the docker daemon running?); start Docker", test.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Validate_DockerAnswers_Valid()
    {
        var (test, config) = Setup("echo 28.2.2");
        using var _ = test;

        var exit = await new MassGenApp(test.Host).RunAsync(["validate", config]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Run_DaemonUnreachable_FailsAtStartUpWithTheFix()
    {
        var (test, config) = Setup("echo 'Cannot connect to the Docker daemon. Is the docker daemon running?' >&2; exit 1");
        using var _ = test;

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--display", "silent", "Build it."]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("agents[0] (builder): command_line_execution_mode docker: the Docker daemon cannot be reached", test.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("command_line_execution_mode: sandbox", test.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Run_OriginalConfigWithEveryDockerKey_ExactDockerRunCommandLine()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.ToolCall("execute_command", new JsonObject { ["command"] = "python3 -V" }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "Python runs." }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "done" }.ToJsonString()));
        server.Enqueue("solo-model", FakeTurn.Text("Python runs."));
        var (test, _) = Setup("""printf '%s\n' "$@" >> "$(dirname "$0")/calls"; [ "$1" = version ] && echo 28.2.2; [ "$1" = run ] && echo 'Python 3.12.1'; exit 0""");
        using var __ = test;
        var config = Path.Combine(test.WorkingDirectory, "original.yaml");
        File.WriteAllText(config, $"""
            agents:
              - id: builder
                backend:
                  type: vllm
                  base_url: {server.OpenAIBaseUrl}
                  model: solo-model
                  cwd: workspace
                  enable_mcp_command_line: true
                  command_line_execution_mode: docker
                  command_line_docker_image: python:3.12-slim
                  command_line_docker_memory_limit: 2g
                  command_line_docker_cpu_limit: 2
                  command_line_docker_network_mode: bridge
                  command_line_docker_enable_sudo: true
                  command_line_docker_credentials:
                    mount: [ssh]
                  command_line_docker_packages:
                    pip: [numpy]
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--display", "silent", "--json", "Does Python run?"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        foreach (var key in new[] { "enable_sudo", "credentials", "packages" })
        {
            Assert.Contains($"command_line_docker_{key}", test.Error.ToString(), StringComparison.Ordinal);
        }

        var workspace = JsonNode.Parse(test.Output.ToString())!["final_workspace"]!.GetValue<string>();
        var shared = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(workspace))!, "shared", Path.GetFileName(workspace));
        var calls = File.ReadAllLines(Path.Combine(test.Host.EnvironmentVariables["PATH"], "calls"));
        var run = calls.SkipWhile(a => a != "run").ToList();
        var name = run[4];
        Assert.Matches("^massgen-cmd-[0-9a-f]{12}$", name);
        var limits = new MassGen.Tools.Settings.CommandLimits();
        string[] expected =
        [
            "run", "--rm", "--init", "--name", name, "--network", "bridge", "--user", run[8],
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--read-only", "--tmpfs", "/tmp",
            "--memory", "2g", "--memory-swap", "2g", "--cpus", "2", "--pids-limit", limits.MaxProcesses.ToString(CultureInfo.InvariantCulture),
            "--ulimit", $"cpu={limits.CpuSeconds}:{limits.CpuSeconds}", "--ulimit", $"fsize={limits.MaxFileSizeBytes}:{limits.MaxFileSizeBytes}", "--ulimit", "core=0:0",
            "--volume", $"{shared}:{shared}:ro", "--volume", $"{workspace}:{workspace}:rw", "--workdir", workspace,
            "--env", $"HOME={workspace}", "--env", "TMPDIR=/tmp", "--env", "LANG=C.UTF-8",
            "python:3.12-slim", "/bin/sh", "-c", "python3 -V",
        ];
        Assert.Equal(expected, run);
        Assert.DoesNotMatch("^0:", run[8]);
    }
}
