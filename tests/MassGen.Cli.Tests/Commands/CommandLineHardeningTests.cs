using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class CommandLineHardeningTests
{
    private const string OptionHint = " (`massgen --help` lists the options; put a question that starts with '-' after --, e.g. massgen -- \"-x is ...\")";

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("@examples/single-agent")]
    [InlineData("@examples/single-agent.yaml")]
    public async Task RunAsync_ValidateShippedExample_ResolvesItFromAnyFolderNotAsAResponseFile(string argument)
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["validate", argument]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "examples", "single-agent.yaml") + ": valid", test.Output.ToString().Trim());
        Assert.Equal(string.Empty, test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ConfigShippedExample_LoadsTheExampleFile()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["--config", "@examples/single-agent", "--display", "silent", "Capital?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "examples", "single-agent.yaml"), Assert.Single(loader.Loaded).Path);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("--orchestrator-timout", "unknown option '--orchestrator-timout'; did you mean '--orchestrator-timeout'?")]
    [InlineData("--frobnicate", "unknown option '--frobnicate'")]
    [InlineData("--dispaly=simple", "unknown option '--dispaly'; did you mean '--display'?")]
    public async Task RunAsync_UnknownOption_IsUsageErrorWithSuggestionAndWritesNothing(string option, string message)
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), option, "What is 2 + 2?"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal(message + OptionHint, test.Error.ToString().Trim());
        Assert.Empty(loader.Loaded);
        Assert.False(Directory.Exists(Path.Combine(test.WorkingDirectory, ".massgen")));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData(new[] { "--", "-x is a flag; what does it do?" }, "-x is a flag; what does it do?")]
    [InlineData(new[] { "@home what is there?" }, "@home what is there?")]
    [InlineData(new[] { "--", "--version", "of what?" }, "--version of what?")]
    [InlineData(new[] { "What", "is", "-5", "squared?" }, "What is -5 squared?")]
    public async Task RunAsync_QuestionAfterDoubleDashOrStartingWithAt_IsTheQuestion(string[] words, string question)
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--display", "silent", .. words]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        var run = Assert.Single(Directory.GetDirectories(test.LogsRoot));
        Assert.Equal(question, JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!["question"]!.GetValue<string>());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RunAsync_EmptyQuestion_ExitsOneAndWritesNothing(string question)
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), question]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("the question is empty: write it after massgen (massgen \"What is 2 + 2?\"), or leave it out for the interactive mode", test.Error.ToString().Trim());
        Assert.Empty(loader.Loaded);
        Assert.False(Directory.Exists(Path.Combine(test.WorkingDirectory, ".massgen")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EmptyConfigName_SaysSoInsteadOfCrashing()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", "", "Question?"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("the config file name is empty; give a file (team.yaml) or @examples/NAME for a shipped example.", test.Error.ToString().Trim());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("1e308", "got 1e308")]
    [InlineData("NaN", "got NaN")]
    [InlineData("Infinity", "got Infinity")]
    [InlineData("0", "got 0")]
    [InlineData("soon", "got 'soon'")]
    public async Task RunAsync_OrchestratorTimeoutOutOfRange_NamesTheOptionAndTheRange(string value, string got)
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--orchestrator-timeout", value, "Q?"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("--orchestrator-timeout must be a number of seconds greater than 0 and at most 31536000; " + got, test.Error.ToString().Trim());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreWithNonNumericKey_IsOneReadableLineAndExitOne()
    {
        using var test = new TestHost();
        var (input, responses) = WriteIfEval(test, "{\"key\":\"one\",\"prompt\":\"p\",\"instruction_id_list\":[],\"kwargs\":[]}", "{\"prompt\":\"p\",\"response\":\"r\"}");

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "ifeval", "--input", input, "--responses", responses, "--output", test.WorkingDirectory, "--debug"]);

        Assert.Equal(1, exit);
        Assert.Equal($"error: {input}:1: the field \"key\" must be an integer.", test.Error.ToString().Trim());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreWithLoneSurrogate_IsOneReadableLineAndExitOne()
    {
        using var test = new TestHost();
        var (input, responses) = WriteIfEval(test, "{\"key\":1,\"prompt\":\"p\\ud800\",\"instruction_id_list\":[],\"kwargs\":[]}", "{\"prompt\":\"p\",\"response\":\"r\"}");

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "ifeval", "--input", input, "--responses", responses, "--output", test.WorkingDirectory]);

        Assert.Equal(1, exit);
        Assert.Equal($"error: {input}:1: a string is not valid text (a lone surrogate escape such as \\ud800?). Fix or remove it.", test.Error.ToString().Trim());
    }

    private static (string Input, string Responses) WriteIfEval(TestHost test, string inputLine, string responseLine)
    {
        var input = Path.Combine(test.WorkingDirectory, "input.jsonl");
        var responses = Path.Combine(test.WorkingDirectory, "responses.jsonl");
        File.WriteAllText(input, inputLine + "\n");
        File.WriteAllText(responses, responseLine + "\n");
        return (input, responses);
    }
}
