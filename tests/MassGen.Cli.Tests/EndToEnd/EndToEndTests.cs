using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// The whole command in-process, with the real configuration loader, provider clients (OpenAI SDK over HTTP) and
/// orchestrator, against the fake provider server on 127.0.0.1.
/// </summary>
public sealed class EndToEndTests
{
    private static string[] Quick(FakeProviderServer server, params string[] rest) =>
        ["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "solo-model", .. rest];

    private static void ScriptSoloAnswer(FakeProviderServer server, string answer, string presentation)
    {
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", JsonContent(new JsonObject { ["content"] = answer })).WithUsage(100, 20));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", JsonContent(new JsonObject { ["agent_id"] = "agent1", ["reason"] = "It is correct." })).WithUsage(120, 10));
        server.Enqueue("solo-model", FakeTurn.Text(presentation).WithUsage(150, 30));
    }

    private static string JsonContent(JsonObject arguments) => arguments.ToJsonString();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_QuickModeAgainstFakeServer_AnswersWithJsonResultEqualToLogs()
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloAnswer(server, "Paris.", "The capital of France is Paris.");
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host).RunAsync(Quick(server, "--json", "What is the capital of France?"));

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!.AsObject();
        Assert.Equal("The capital of France is Paris.", printed["final_answer"]!.GetValue<string>());
        Assert.Equal("solo-model", printed["winner_id"]!.GetValue<string>());
        Assert.Equal("consensus", printed["termination_reason"]!.GetValue<string>());
        Assert.Equal("It is correct.", printed["votes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("Paris.", printed["answers"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(370, printed["total_usage"]!["input_tokens"]!.GetValue<long>());

        var directory = printed["log_directory"]!.GetValue<string>();
        Assert.Equal(test.Output.ToString().Trim(), File.ReadAllText(Path.Combine(directory, "result.json")).Trim());
        var events = File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.Equal("run_started", events[0]["type"]!.GetValue<string>());
        Assert.Equal("run_finished", events[^1]["type"]!.GetValue<string>());
        var kinds = events.Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.True(kinds.IndexOf("answer_accepted") < kinds.IndexOf("vote_counted"));
        Assert.True(kinds.IndexOf("vote_counted") < kinds.IndexOf("presentation_started"));
        Assert.Equal("The capital of France is Paris.\n", File.ReadAllText(Path.Combine(directory, "final_answer.md")));

        // What the agent sent and what came back, per turn.
        var firstCall = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "agents", "solo-model", "turn_001", "call_01.json")))!;
        Assert.Contains("What is the capital of France?", firstCall["sent"]!.ToJsonString());
        Assert.Contains("new_answer", firstCall["tools"]!.ToJsonString());
        Assert.Contains("\"function_call\":\"new_answer\"", firstCall["received"]!.ToJsonString());
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(directory, "agents", "solo-model")).Length);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Continue_SendsTheEarlierTurnToTheModel()
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloAnswer(server, "Paris.", "Paris is the capital.");
        ScriptSoloAnswer(server, "Rome.", "Rome is the capital.");
        using var test = new TestHost();
        var app = new MassGenApp(test.Host);

        Assert.Equal(ExitCodes.Answered, await app.RunAsync(Quick(server, "--display", "silent", "Capital of France?")));
        Assert.Equal(ExitCodes.Answered, await app.RunAsync(Quick(server, "--display", "silent", "--continue", "And of Italy?")));

        var secondRunFirstRequest = server.Requests[3].Body!.ToJsonString();
        Assert.Contains("Capital of France?", secondRunFirstRequest);
        Assert.Contains("Paris is the capital.", secondRunFirstRequest);
        Assert.Contains("And of Italy?", secondRunFirstRequest);
        Assert.DoesNotContain("Italy", server.Requests[0].Body!.ToJsonString());
        Assert.EndsWith("Rome is the capital.\n", test.Console.Output.ReplaceLineEndings("\n"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CtrlCWhileAgentStreams_GivesBestAnswerExit130AndCompleteLogs()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", JsonContent(new JsonObject { ["content"] = "Draft answer." })));
        var stall = server.Enqueue("solo-model", FakeTurn.Text("Thinking about", " a better").StallAfter(1));
        using var test = new TestHost();
        using var ctrlC = new CancellationTokenSource();

        var run = new MassGenApp(test.Host).RunAsync(Quick(server, "--json", "Write a draft."), ctrlC.Token);
        await stall.Stalled;
        await ctrlC.CancelAsync();
        var exit = await run;

        Assert.Equal(ExitCodes.Interrupted, exit);
        var printed = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("interrupted", printed["termination_reason"]!.GetValue<string>());
        Assert.Equal("Draft answer.", printed["final_answer"]!.GetValue<string>());
        var directory = printed["log_directory"]!.GetValue<string>();
        var kinds = File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!["type"]!.GetValue<string>()).ToList();
        Assert.Equal("run_finished", kinds[^1]);
        Assert.Contains("answer_accepted", kinds);
        Assert.True(File.Exists(Path.Combine(directory, "result.json")));
        Assert.Equal("Draft answer.\n", File.ReadAllText(Path.Combine(directory, "final_answer.md")));
        Assert.Equal("finished", JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "status.json")))!["phase"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EveryAgentFails_ExitsTwo()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.Error(401, "invalid API key"));
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: solo
                backend:
                  type: vllm
                  model: solo-model
                  base_url: {server.OpenAIBaseUrl}
            orchestrator:
              max_consecutive_failures: 1
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "Anything?"]);

        Assert.Equal(ExitCodes.NoAnswer, exit);
        var printed = JsonNode.Parse(test.Output.ToString())!;
        Assert.Null(printed["final_answer"]);
        Assert.Equal("all_failed", printed["termination_reason"]!.GetValue<string>());
        Assert.Contains("invalid API key", test.Console.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ConfigWithErrors_ExitsOneWithEveryProblemAndCallsNoModel()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: a
                backend:
                  type: vllm
                  modle: solo-model
                  base_url: {server.OpenAIBaseUrl}
              - id: a
                backend:
                  type: openai
                  model: gpt-5-mini
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "Anything?"]);
        var validateExit = await new MassGenApp(test.Host).RunAsync(["validate", config]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal(ExitCodes.UsageError, validateExit);
        var error = test.Error.ToString();
        Assert.Contains("(line 5)", error);
        Assert.Contains("did you mean 'model'", error);
        Assert.Contains("OPENAI_API_KEY", error);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(test.LogsRoot));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Validate_ThreeDifferentErrors_ReportsAllThree()
    {
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "three-errors.yaml");
        await File.WriteAllTextAsync(config, """
            agents:
              - id: a
                backend:
                  type: gemini
                  model: gemini-2.5-flash
                  temperature: 7
              - id: b
                backend:
                  type: chatcompletion
                  model: m
              - id: c
                backend:
                  type: opnai
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["validate", config]);

        Assert.Equal(ExitCodes.UsageError, exit);
        var error = test.Error.ToString();
        Assert.Contains("4 errors, 0 warnings", error);
        Assert.Contains("error: agents[0].backend.api_key (line 3): no API key for type 'gemini': set GEMINI_API_KEY or GOOGLE_API_KEY", error);
        Assert.Contains("error: agents[0].backend.temperature (line 6): must be between 0 and 2; got 7", error);
        Assert.Contains("error: agents[1].backend.base_url (line 8): missing; type 'chatcompletion' needs the URL of an OpenAI-compatible server", error);
        Assert.Contains("error: agents[2].backend.type (line 13): unknown backend type 'opnai'; did you mean 'openai'?", error);
    }
}
