using MassGen.Cli.Tests.Support;
using MassGen.Core.Coordination;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class SessionAndTeamCommandTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Continue_SendsEarlierTurnsAsHistory()
    {
        var requests = new List<CoordinationRequest>();
        using var test = new TestHost(Replay.Of(EventScript.Consensus(), requests));
        var app = new MassGenApp(test.Host, new FakeTeamLoader());
        var config = MassGenAppRunTests.WriteConfig(test);

        Assert.Equal(0, await app.RunAsync(["--config", config, "What is the capital of France?"]));
        Assert.Equal(0, await app.RunAsync(["--config", config, "--continue", "And of Italy?"]));

        Assert.Empty(requests[0].History);
        var turn = Assert.Single(requests[1].History);
        Assert.Equal("What is the capital of France?", turn.User);
        Assert.StartsWith("# Answer", turn.Assistant);
        Assert.Equal("And of Italy?", requests[1].Task);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SessionId_ResumesThatSessionAndSessionsListsIt()
    {
        var requests = new List<CoordinationRequest>();
        using var test = new TestHost(Replay.Of(EventScript.TieWithFailedAgent(), requests));
        var app = new MassGenApp(test.Host, new FakeTeamLoader());
        var config = MassGenAppRunTests.WriteConfig(test);
        Assert.Equal(0, await app.RunAsync(["--config", config, "--json", "Which index?"]));
        var sessionId = System.Text.Json.Nodes.JsonNode.Parse(test.Output.ToString())!["session_id"]!.GetValue<string>();

        Assert.Equal(0, await app.RunAsync(["--config", config, "--session-id", sessionId, "Why?"]));
        Assert.Equal(0, await app.RunAsync(["sessions"]));

        Assert.Equal("Use a B-tree.", Assert.Single(requests[1].History).Assistant);
        Assert.Contains(sessionId, test.Console.Output);
        Assert.Contains("Which index?", test.Console.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_UnknownSessionId_ExitsOneAndPointsAtSessions()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--session-id", "nope", "q"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("No session 'nope'", test.Error.ToString());
        Assert.Contains("massgen sessions", test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ContinueWithoutSessions_ExitsOne()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--continue", "q"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("There is no session to continue", test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Interactive_RunsEachLineWithHistoryAndHandlesSlashCommands()
    {
        var requests = new List<CoordinationRequest>();
        using var test = new TestHost(Replay.Of(EventScript.Consensus(), requests), input: "/help\nFirst question\n/status\nSecond question\n/reset\nThird\n/bogus\n/quit\nnever asked\n");

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test)]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(["First question", "Second question", "Third"], requests.Select(r => r.Task));
        Assert.Equal([0, 1, 0], requests.Select(r => r.History.Count));
        Assert.Contains("/reset   start a new session", test.Console.Output);
        Assert.Contains(": 1 turns; team: researcher (fake/researcher)", test.Console.Output);
        Assert.Contains("Unknown command /bogus", test.Console.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NothingAvailable_PrintsGettingStartedAndExitsOne()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["Hello?"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(loader.Loaded);
        var error = test.Error.ToString();
        Assert.StartsWith("No model is available, so there is no team to run.", error);
        Assert.Contains("export OPENAI_API_KEY=...", error);
        Assert.Contains("massgen --backend local --model path/to/model.gguf", error);
        Assert.Contains("examples/three-frontier-models.yaml", error);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TwoKeysSet_AnnouncesAndRunsOneAgentPerProvider()
    {
        var keys = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-1", ["ANTHROPIC_API_KEY"] = "sk-2" };
        using var test = new TestHost(Replay.Of(EventScript.Consensus()), keys);
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["Hello?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        var source = Assert.Single(loader.Loaded);
        Assert.Null(source.Path);
        Assert.Contains("type: \"openai\"", source.Text);
        Assert.Contains("type: \"claude\"", source.Text);
        Assert.DoesNotContain("gemini", source.Text);
        Assert.Contains("Default team: one agent per provider with a key set (OpenAI, Anthropic).", test.Console.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_QuickModeModels_LoadsGeneratedTeamWithBackendsInferred()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["--models", "gpt-5-mini,claude-sonnet-4-5", "--system-message", "Be brief.", "Hello?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        var text = Assert.Single(loader.Loaded).Text!;
        Assert.Contains("- id: \"gpt-5-mini\"\n    system_message: \"Be brief.\"\n    backend:\n      type: \"openai\"\n      model: \"gpt-5-mini\"", text);
        Assert.Contains("type: \"claude\"\n      model: \"claude-sonnet-4-5\"", text);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_DiscoveredProjectConfig_IsUsedWithoutFlags()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var path = Path.Combine(test.WorkingDirectory, ".massgen", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "agents: []\n");
        var loader = new FakeTeamLoader();

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["Hello?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(path, Assert.Single(loader.Loaded).Path);
    }
}
