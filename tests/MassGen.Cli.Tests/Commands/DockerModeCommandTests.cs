using MassGen.Cli.Tests.Support;
using MassGen.Testing;

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
}
