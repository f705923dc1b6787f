using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>Backend keys of a config file reach the requests: through the real loader, provider clients and orchestrator.</summary>
public sealed class BackendSettingsEndToEndTests
{
    private static string Args(JsonObject arguments) => arguments.ToJsonString();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OneProviderStalls_ItFailsAfterItsIdleTimeoutAndTheHealthyAgentAnswers()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("healthy-model", FakeTurn.ToolCall("new_answer", Args(new JsonObject { ["content"] = "Paris." })));
        server.Enqueue("healthy-model", FakeTurn.ToolCall("vote", Args(new JsonObject { ["agent_id"] = "agent1", ["reason"] = "Correct." })));
        server.Enqueue("healthy-model", FakeTurn.Text("The capital of France is Paris."));
        var stall = server.Enqueue("stalled-model", FakeTurn.Text("never").StallAfter(0));
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: healthy
                backend: {"{"} type: vllm, model: healthy-model, base_url: "{server.OpenAIBaseUrl}" {"}"}
              - id: stalled
                backend: {"{"} type: vllm, model: stalled-model, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 5, max_retries: 0 {"}"}
            orchestrator:
              max_consecutive_failures: 1
              seed: 1   # labels are drawn from the seed: this one makes the healthy agent agent1, whom its vote names
            """);

        var run = new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "--display", "silent", "Capital of France?"]);
        await stall.Stalled;
        test.Time.Advance(TimeSpan.FromSeconds(5));
        var exit = await run;

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("The capital of France is Paris.", printed["final_answer"]!.GetValue<string>());
        Assert.Equal("healthy", printed["winner_id"]!.GetValue<string>());
        await stall.Disconnected;
        Assert.Single(server.Requests, r => r.Model == "stalled-model");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ExtraHeaders_AreSentAsHeadersOnEveryRequestAndRedactedInTheLogs()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", Args(new JsonObject { ["content"] = "Paris." })));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", Args(new JsonObject { ["agent_id"] = "agent1", ["reason"] = "Correct." })));
        server.Enqueue("solo-model", FakeTurn.Text("Paris."));
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: solo
                backend:
                  type: vllm
                  model: solo-model
                  base_url: "{server.OpenAIBaseUrl}"
                  extra_headers:
                    X-Gateway-Key: gw-secret-value-1234
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "--display", "silent", "Capital of France?"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("gw-secret-value-1234", r.Header("X-Gateway-Key")));
        Assert.All(server.Requests, r => Assert.Null(r.Body!["extra_headers"]));
        var directory = JsonNode.Parse(test.Output.ToString())!["log_directory"]!.GetValue<string>();
        var written = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains("gw-secret-value-1234", StringComparison.Ordinal)).ToList();
        Assert.Empty(written);
        Assert.Contains("\"X-Gateway-Key\": \"***\"", File.ReadAllText(Path.Combine(directory, "config.resolved.json")));
    }
}
