using MassGen.Cli.Hosting;
using MassGen.Cli.Setup;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Setup;

/// <summary><c>massgen init</c> through the real command line, config loader and validator.</summary>
public sealed class InitCommandTests
{
    private static readonly Dictionary<string, string> s_openAiKey = new() { ["OPENAI_API_KEY"] = "sk-test-openai" };

    private static CliHost WithTerminal(TestHost test, ScriptedTerminal terminal, IReadOnlyDictionary<string, string> variables) => new()
    {
        Console = terminal,
        Output = test.Output,
        Error = test.Error,
        IsTerminal = true,
        WorkingDirectory = test.WorkingDirectory,
        HomeDirectory = test.Host.HomeDirectory,
        EnvironmentVariables = variables,
        TimeProvider = test.Time,
        ProbeHandler = test.Host.ProbeHandler,
    };

    private static async Task AssertValidatesAsync(TestHost test, string path)
    {
        using var check = new TestHost(variables: new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "k",
            ["ANTHROPIC_API_KEY"] = "k",
            ["GEMINI_API_KEY"] = "k",
            ["XAI_API_KEY"] = "k",
        });
        var exit = await new MassGenApp(check.Host).RunAsync(["validate", path]);
        Assert.True(exit == ExitCodes.Answered, check.Error.ToString() + check.Output + File.ReadAllText(path));
        Assert.True(File.Exists(path), test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NonInteractiveWithFlags_WritesConfigThatValidatesAndSaysHowToRun()
    {
        using var test = new TestHost(variables: s_openAiKey);

        var exit = await new MassGenApp(test.Host).RunAsync(
            ["init", "--non-interactive", "--provider", "openai,claude", "--model", "claude=claude-opus-4-1", "--web-search", "--commands"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        var path = Path.Combine(test.WorkingDirectory, ".massgen", "config.yaml");
        await AssertValidatesAsync(test, path);
        var yaml = await File.ReadAllTextAsync(path);
        Assert.Contains("id: \"openai\"", yaml);
        Assert.Contains("model: \"gpt-5-mini\"", yaml);
        Assert.Contains("model: \"claude-opus-4-1\"", yaml);
        Assert.Equal(2, yaml.Split("enable_web_search: true").Length - 1);
        Assert.Equal(2, yaml.Split("cwd: workspace").Length - 1);
        Assert.Contains("command_line_execution_mode: \"local\"", yaml);
        var output = test.Output.ToString();
        Assert.Contains("Still needed before a run: ANTHROPIC_API_KEY", output);
        Assert.Contains("massgen \"your question\"", output);
        Assert.Single(Directory.GetFiles(Path.Combine(test.WorkingDirectory, ".massgen")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NonInteractiveWithOneKey_MakesThreeAgentsOfThatProviderFromTheKeyFound()
    {
        using var test = new TestHost(variables: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant" });

        var exit = await new MassGenApp(test.Host).RunAsync(["init", "-y", "--output", "team.yaml"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        var path = Path.Combine(test.WorkingDirectory, "team.yaml");
        await AssertValidatesAsync(test, path);
        var yaml = await File.ReadAllTextAsync(path);
        Assert.Contains("id: \"claude-3\"", yaml);
        Assert.Contains("temperature: 0.2", yaml);
        Assert.Contains("temperature: 1", yaml);
        Assert.Contains("massgen --config team.yaml \"your question\"", test.Output.ToString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("--provider|nosuch", "unknown provider 'nosuch'")]
    [InlineData("--provider|openai|--agents|0", "--agents must be between 1 and 20")]
    [InlineData("--provider|openai|--model|nosuch=x", "--model nosuch=... names an unknown provider")]
    [InlineData("--provider|openai|--output|team.json", "init writes YAML")]
    [InlineData("", "No API key of a hosted provider was found")]
    public async Task RunAsync_NonInteractiveWithBadFlags_ExitsOneSayingWhatToChangeAndWritesNothing(string flags, string message)
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(["init", "--non-interactive", .. flags.Split('|', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(message, test.Error.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(test.WorkingDirectory));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NonInteractiveOverExistingConfig_RefusesWithoutForceAndReplacesWithIt()
    {
        using var test = new TestHost(variables: s_openAiKey);
        var path = Path.Combine(test.WorkingDirectory, ".massgen", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "# mine\n");

        var refused = await new MassGenApp(test.Host).RunAsync(["init", "-y"]);
        var unchanged = await File.ReadAllTextAsync(path);
        var forced = await new MassGenApp(test.Host).RunAsync(["init", "-y", "--force"]);

        Assert.Equal(ExitCodes.UsageError, refused);
        Assert.Contains("pass --force", test.Error.ToString());
        Assert.Equal("# mine\n", unchanged);
        Assert.Equal(ExitCodes.Answered, forced);
        Assert.Contains("gpt-5-mini", await File.ReadAllTextAsync(path));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InteractiveWalkthrough_WritesValidConfigAndStoresTheKeyOwnerOnly()
    {
        using var test = new TestHost();
        using var terminal = new ScriptedTerminal();
        terminal
            .Press(ConsoleKey.DownArrow, ConsoleKey.Spacebar, ConsoleKey.Enter) // providers: OpenAI (key found) + Anthropic
            .Type("y").Type("sk-ant-secret")                                    // store Anthropic's key
            .Type("")                                                           // default models
            .Type("")                                                           // default team size (2)
            .Type("y")                                                          // web search
            .Type("y").Type("n");                                               // a workspace, no commands
        var host = WithTerminal(test, terminal, s_openAiKey);

        var exit = await new MassGenApp(host).RunAsync(["init"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + terminal.Output);
        var path = Path.Combine(test.WorkingDirectory, ".massgen", "config.yaml");
        await AssertValidatesAsync(test, path);
        var yaml = await File.ReadAllTextAsync(path);
        Assert.Contains("type: \"openai\"", yaml);
        Assert.Contains("type: \"claude\"", yaml);
        Assert.Contains("cwd: workspace", yaml);
        Assert.DoesNotContain("enable_mcp_command_line", yaml);
        var keyFile = Path.Combine(test.Host.HomeDirectory, ".massgen", ".env");
        Assert.Equal("ANTHROPIC_API_KEY=sk-ant-secret\n", await File.ReadAllTextAsync(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.DoesNotContain("sk-ant-secret", terminal.Output);
        Assert.DoesNotContain("sk-ant-secret", yaml);
        Assert.Contains("(key found)", terminal.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_KeyFileAlreadyHasOtherLines_KeepsThemAndReplacesTheKey()
    {
        using var test = new TestHost();
        var keyFile = Path.Combine(test.Host.HomeDirectory, ".massgen", ".env");
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        await File.WriteAllTextAsync(keyFile, "# mine\nGEMINI_API_KEY=old\nOTHER=1\n");

        KeyFile.Store(test.Host.HomeDirectory, new Dictionary<string, string> { ["GEMINI_API_KEY"] = "new" });

        Assert.Equal("# mine\nGEMINI_API_KEY=new\nOTHER=1\n", await File.ReadAllTextAsync(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CancelledHalfway_WritesNothingAndExits130()
    {
        using var test = new TestHost();
        using var terminal = new ScriptedTerminal();
        terminal.Press(ConsoleKey.Spacebar, ConsoleKey.Enter).Type("y");       // OpenAI, then yes to storing its key...
        var host = WithTerminal(test, terminal, new Dictionary<string, string>());
        using var ctrlC = new CancellationTokenSource();

        var run = new MassGenApp(host).RunAsync(["init"], ctrlC.Token);
        Assert.Same(terminal.WaitingForInput, await Task.WhenAny(terminal.WaitingForInput, run)); // ...and Ctrl+C at the key prompt
        await ctrlC.CancelAsync();
        var exit = await run;

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("nothing was written", test.Error.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(test.WorkingDirectory));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InteractiveWithoutTerminal_PointsToNonInteractive()
    {
        using var test = new TestHost(variables: s_openAiKey);

        var exit = await new MassGenApp(test.Host).RunAsync(["init"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--non-interactive", test.Error.ToString());
        Assert.False(Directory.Exists(Path.Combine(test.WorkingDirectory, ".massgen")));
    }
}
