using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Recording;

/// <summary>
/// Record a three-agent run against the fake provider server (real SDK over HTTP), then replay it offline: the same
/// events, tally and final answer; a changed prompt makes the replay fail naming the request that differs.
/// </summary>
public sealed class RecordReplayTests
{
    private const string Question = "Which is the largest planet?";

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Replay_RecordedThreeAgentRun_GivesIdenticalEventsTallyAndAnswer()
    {
        var (original, recordingPath, serverRequests) = await RecordAsync();
        using var originalHost = original;
        using var replay = new TestHost();

        var exit = await new MassGenApp(replay.Host).RunAsync(["replay", recordingPath, "--json", "--display", "silent"]);

        Assert.True(exit == ExitCodes.Answered, replay.Error.ToString());
        var replayed = JsonNode.Parse(replay.Output.ToString())!;
        var first = JsonNode.Parse(original.Output.ToString())!;
        Assert.Equal(first["final_answer"]!.GetValue<string>(), replayed["final_answer"]!.GetValue<string>());
        Assert.Equal(first["winner_id"]!.GetValue<string>(), replayed["winner_id"]!.GetValue<string>());
        Assert.Equal(first["votes"]!.ToJsonString(), replayed["votes"]!.ToJsonString());
        Assert.Equal(first["answers"]!.ToJsonString(), replayed["answers"]!.ToJsonString());
        Assert.Equal(first["total_usage"]!.ToJsonString(), replayed["total_usage"]!.ToJsonString());
        Assert.Equal(first["seed"]?.ToJsonString(), replayed["seed"]?.ToJsonString());

        var originalEvents = Events(first["log_directory"]!.GetValue<string>());
        var replayedEvents = Events(replayed["log_directory"]!.GetValue<string>());
        Assert.True(originalEvents.Count > 20, $"a real coordination has many events; got {originalEvents.Count}");
        Assert.Equal(originalEvents, replayedEvents);
        Assert.Equal(serverRequests, RunRecordingCalls(recordingPath));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Replay_OnePromptChanged_FailsNamingTheDifferingRequest()
    {
        var (original, recordingPath, _) = await RecordAsync();
        using var originalHost = original;
        var lines = File.ReadAllLines(recordingPath);
        var header = JsonNode.Parse(lines[0])!;
        header["config"]!["agents"]![1]!["system_message"] = "You are terse and contrarian.";
        lines[0] = header.ToJsonString();
        File.WriteAllLines(recordingPath, lines);
        using var replay = new TestHost();

        var exit = await new MassGenApp(replay.Host).RunAsync(["replay", recordingPath, "--display", "silent"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        var error = replay.Error.ToString();
        Assert.Contains("agent 'beta' sent a request that is not in the recording", error);
        Assert.Contains("closest recorded request is agent 'beta' call #1", error);
        Assert.Contains("You are terse and contrarian.", error);
        Assert.Contains("You are careful.", error);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Record_KeyInEnvironment_NeverReachesTheRecording()
    {
        var (original, recordingPath, _) = await RecordAsync();
        using var originalHost = original;

        var text = await File.ReadAllTextAsync(recordingPath);

        Assert.DoesNotContain(SecretKey, text);
        Assert.Contains("\"kind\":\"seed\"", text);
    }

    private const string SecretKey = "sk-test-very-secret-0123456789";

    // The original run: the agents stream at the same time, and each answer (and vote) is held by the fake server until
    // the previous agent's was logged, so the recorded run is one a reader can check by eye.
    private static async Task<(TestHost Host, string Recording, int ServerRequests)> RecordAsync()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.RequiredApiKey = SecretKey;
        var answered = new Dictionary<string, TaskCompletionSource>
        {
            ["alpha"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["beta"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var voted = new Dictionary<string, TaskCompletionSource>
        {
            ["alpha"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["beta"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var scripts = new[] { ("model-a", "Jupiter", (string?)null), ("model-b", "Jupiter, by far", "alpha"), ("model-c", "Jupiter (gas giant)", "beta") };
        foreach (var (model, name, after) in scripts)
        {
            var answer = new FakeTurn().WithText("Thinking about ", "planets. ").WithToolCall("new_answer", Args(new JsonObject { ["content"] = name }), pieces: 3).WithUsage(200, 30);
            var vote = FakeTurn.ToolCall("vote", Args(new JsonObject { ["agent_id"] = "agent1", ["reason"] = "Most precise." })).WithUsage(300, 12);
            server.Enqueue(model, after is null ? answer : answer.After(answered[after].Task));
            server.Enqueue(model, after is null ? vote : vote.After(voted[after].Task));
            server.Enqueue(model, FakeTurn.Text("The largest planet ", "is ", name, ".").WithUsage(400, 20));
        }

        TestHost? host = null;
        async IAsyncEnumerable<CoordinationEvent> Run(IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, CoordinationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var coordinationEvent in new Orchestrator(agents, options, host!.Time).RunAsync(request, cancellationToken))
            {
                yield return coordinationEvent;
                switch (coordinationEvent)
                {
                    case AnswerAccepted accepted when answered.TryGetValue(accepted.AgentId, out var gate):
                        gate.TrySetResult();
                        break;
                    case VoteCounted counted when voted.TryGetValue(counted.VoterId, out var gate):
                        gate.TrySetResult();
                        break;
                }
            }
        }

        var test = host = new TestHost(Run, variables: new Dictionary<string, string> { ["VLLM_API_KEY"] = SecretKey });
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: alpha
                system_message: You are thorough.
                backend: {"{"} type: vllm, model: model-a, base_url: "{server.OpenAIBaseUrl}", api_key: "{SecretKey}" {"}"}
              - id: beta
                system_message: You are careful.
                backend: {"{"} type: vllm, model: model-b, base_url: "{server.OpenAIBaseUrl}", api_key: "{SecretKey}" {"}"}
              - id: gamma
                system_message: You are brief.
                backend: {"{"} type: vllm, model: model-c, base_url: "{server.OpenAIBaseUrl}", api_key: "{SecretKey}" {"}"}
            orchestrator:
              seed: 7
            """);
        var recording = Path.Combine(test.WorkingDirectory, "run.jsonl");

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--record", recording, "--json", "--display", "silent", Question]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        return (test, recording, server.Requests.Count);
    }

    private static int RunRecordingCalls(string path) =>
        File.ReadAllLines(path).Count(l => JsonNode.Parse(l)!["kind"]!.GetValue<string>() == "call");

    // Every line with its timestamp removed: the only field a replay may change.
    private static List<string> Events(string directory) =>
        [.. File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(line =>
        {
            var node = JsonNode.Parse(line)!.AsObject();
            node.Remove("timestamp");
            return node.ToJsonString();
        })];

    private static string Args(JsonObject arguments) => arguments.ToJsonString();
}
