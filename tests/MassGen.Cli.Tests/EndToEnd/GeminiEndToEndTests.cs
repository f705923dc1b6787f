using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// Three agents through the whole command against the fake server: a native Gemini agent with Google Search (which,
/// on Gemini 2.5, decides through JSON in text) and two OpenAI-compatible agents. The grounding sources reach the
/// result JSON and the run log; usage and cost are the script's.
/// </summary>
public sealed class GeminiEndToEndTests
{
    private readonly List<(Func<CoordinationEvent, bool> Match, TaskCompletionSource Signal)> _waits = [];
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _labels = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_GeminiWithWebSearchAndTwoOthers_SourcesInResultAndLogAndScriptedCost()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var (a1, a2, a3) = (When<AnswerAccepted>(e => e.AgentId == "researcher"), When<AnswerAccepted>(e => e.AgentId == "critic"), When<AnswerAccepted>(e => e.Revision == 3));
        var labelsKnown = _labels.Task.ContinueWith(_ => { }, TaskScheduler.Default);
        var votesScripted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var label = new Func<string, string>(id => _labels.Task.Result[id]);
        FakeSource[] searched = [new("https://example.org/paris", "Paris - Example Encyclopedia"), new("https://example.com/seine", "The Seine")];
        var gemini = "gemini-2.5-flash";
        var turns = new List<(string Agent, FakeTurn Turn)>
        {
            ("researcher", server.Enqueue(gemini, FakeTurn.Text("Searched. ", """{"action":"new_answer","content":"Paris."}""")
                .WithGrounding(["capital of France"], searched).After(votesScripted.Task).WithUsage(1000, 100, cachedInputTokens: 400, reasoningTokens: 30))),
            ("critic", server.Enqueue("critic-model", FakeTurn.ToolCall("new_answer", """{"content":"Paris, on the Seine."}""").After(a1).WithUsage(900, 40))),
            ("fast", server.Enqueue("fast-model", FakeTurn.ToolCall("new_answer", """{"content":"It is Paris."}""").After(a2).WithUsage(800, 20))),
        };
        var votes = Task.Run(async () =>
        {
            await labelsKnown;
            var winner = label("researcher");
            turns.Add(("researcher", server.Enqueue(gemini, FakeTurn.Text($$"""{"action":"vote","agent_id":"{{winner}}","reason":"stale"}""").After(a3).WithUsage(1500, 20))));
            turns.Add(("researcher", server.Enqueue(gemini, FakeTurn.Text($$"""{"action":"vote","agent_id":"{{winner}}","reason":"it cites sources"}""").WithUsage(1600, 25, reasoningTokens: 5))));
            turns.Add(("critic", server.Enqueue("critic-model", Vote(winner, "stale").After(a3).WithUsage(1400, 15))));
            turns.Add(("critic", server.Enqueue("critic-model", Vote(winner, "grounded").WithUsage(1450, 15))));
            turns.Add(("fast", server.Enqueue("fast-model", Vote(winner, "sourced").WithUsage(1300, 10))));
            turns.Add(("researcher", server.Enqueue(gemini, FakeTurn.Text("Paris is the capital ", "of France.")
                .WithGrounding(["capital of France"], searched[0], new FakeSource("https://example.net/france", "France")).WithUsage(2000, 50, cachedInputTokens: 1000))));
            votesScripted.SetResult();
        });
        using var test = new TestHost(runner: Observe);
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: researcher
                backend: {"{"} type: gemini, model: {gemini}, api_key: test-key, base_url: "{server.GeminiBaseUrl}", enable_web_search: true {"}"}
              - id: critic
                backend: {"{"} type: vllm, model: critic-model, base_url: "{server.OpenAIBaseUrl}", price: {"{"} input_per_million: 1, output_per_million: 2 {"}"} {"}"}
              - id: fast
                backend: {"{"} type: vllm, model: fast-model, base_url: "{server.OpenAIBaseUrl}", price: {"{"} input_per_million: 0.5, output_per_million: 1 {"}"} {"}"}
            orchestrator:
              seed: 7
              defer_voting_until_all_answered: false   # the script races two votes against the last answer
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "What is the capital of France?"]);
        await votes;

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!.AsObject();
        Assert.Equal("researcher", printed["winner_id"]!.GetValue<string>());
        Assert.Equal("Paris is the capital of France.", printed["final_answer"]!.GetValue<string>());
        Assert.Equal(["https://example.org/paris", "https://example.com/seine", "https://example.net/france"],
            printed["final_answer_sources"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()));
        Assert.Equal("Paris - Example Encyclopedia", printed["final_answer_sources"]![0]!["title"]!.GetValue<string>());
        Assert.All(printed["web_sources"]!.AsArray(), s => Assert.Equal("researcher", s!["agent_id"]!.GetValue<string>()));

        // The search is tool activity in the run log, with its queries and the sources found.
        var directory = printed["log_directory"]!.GetValue<string>();
        var events = File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var searches = events.Where(e => e["type"]!.GetValue<string>() == "tool_call_finished" && e["tool_name"]!.GetValue<string>() == "web_search").ToList();
        Assert.Equal(2, searches.Count);
        Assert.Contains("Paris - Example Encyclopedia <https://example.org/paris>", searches[0]["result_preview"]!.GetValue<string>());
        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "tool_call_started" && e["arguments_json"]!.GetValue<string>().Contains("capital of France", StringComparison.Ordinal));
        var firstCall = File.ReadAllText(Path.Combine(directory, "agents", "researcher", "turn_001", "call_01.json"));
        Assert.Contains("\"web_search_result\"", firstCall);
        Assert.Contains("https://example.com/seine", firstCall);

        // Usage: every scripted turn counted once (Gemini's running totals not added up); cost at each agent's price.
        Assert.Equal(turns.Count, server.Requests.Count);
        var gemini25 = MassGen.Providers.Pricing.PriceTable.Find(gemini)!;
        var prices = new Dictionary<string, MassGen.Providers.ModelPrice>
        {
            ["researcher"] = gemini25,
            ["critic"] = new(1m, 2m),
            ["fast"] = new(0.5m, 1m),
        };
        foreach (var agent in printed["usage"]!.AsArray())
        {
            var id = agent!["agent_id"]!.GetValue<string>();
            var scripted = turns.Where(t => t.Agent == id).Select(t => t.Turn.Usage!).ToList();
            Assert.Equal(scripted.Sum(u => u.InputTokens), agent["usage"]!["input_tokens"]!.GetValue<long>());
            Assert.Equal(scripted.Sum(u => u.OutputTokens), agent["usage"]!["output_tokens"]!.GetValue<long>());
            Assert.Equal(scripted.Sum(u => u.CachedInputTokens), agent["usage"]!["cached_input_tokens"]!.GetValue<long>());
            Assert.Equal(scripted.Sum(u => u.ReasoningTokens), agent["usage"]!["reasoning_tokens"]!.GetValue<long>());
            Assert.Equal(scripted.Sum(u => prices[id].CostNanoUsd(u.InputTokens, u.OutputTokens, u.CachedInputTokens)) / 1_000_000_000m,
                agent["usage"]!["cost_usd"]!.GetValue<decimal>());
        }

        // The Gemini agent's requests asked for Google Search and, on Gemini 2.5, no function declarations.
        var geminiRequests = server.Requests.Where(r => r.Protocol == FakeWireProtocol.Gemini).ToList();
        Assert.All(geminiRequests, r => Assert.Equal("""[{"googleSearch":{}}]""", r.Body!["tools"]!.ToJsonString()));
    }

    private static FakeTurn Vote(string label, string reason) =>
        FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = label, ["reason"] = reason }.ToJsonString());

    private async IAsyncEnumerable<CoordinationEvent> Observe(
        IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, CoordinationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var coordinationEvent in new Orchestrator(agents, options, TimeProvider.System).RunAsync(request, cancellationToken))
        {
            if (coordinationEvent is RunStarted started)
            {
                _labels.TrySetResult(started.Agents.ToDictionary(a => a.AgentId, a => a.Label));
            }

            foreach (var (match, signal) in _waits.Where(w => w.Match(coordinationEvent)))
            {
                signal.TrySetResult();
            }

            yield return coordinationEvent;
        }
    }

    private Task When<TEvent>(Func<TEvent, bool> match)
        where TEvent : CoordinationEvent
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waits.Add((e => e is TEvent typed && match(typed), signal));
        return signal.Task;
    }
}
