using System.Text.Json.Nodes;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// A reasoning model on the Responses API inside a real coordination: its reasoning items go back to the API between
/// the calls of a turn (after an ordinary tool call and after a rejected decision), nothing is stored at the provider,
/// and parallel tool calls are switched off exactly while decisions are offered.
/// </summary>
public sealed class ResponsesReasoningTests : IAsyncLifetime
{
    private const string Thinker = "gpt-5-mini";
    private const string Plain = "gpt-4.1";

    private readonly List<CoordinationEvent> _events = [];
    private readonly List<(Func<CoordinationEvent, bool> Match, TaskCompletionSource Signal)> _waits = [];
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ReasoningModelCallsToolThenDecides_ReasoningItemsRoundTripUnstored()
    {
        var labelsKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var plainAnswered = When<AnswerAccepted>(e => e.AgentId == "plain");
        var thinkerAnswered = When<AnswerAccepted>(e => e.AgentId == "thinker");
        _harness.Server.Enqueue(Plain, FakeTurn.ToolCall("new_answer", """{"content":"4"}""").After(labelsKnown.Task).WithUsage(90, 10));
        _harness.Server.Enqueue(Thinker, new FakeTurn().WithEncryptedReasoning("ENC-1", "Check ", "the notes.")
            .WithToolCall("read_notes", "{}", "call_notes").After(plainAnswered).WithUsage(100, 30, reasoningTokens: 20));
        _harness.Server.Enqueue(Thinker, new FakeTurn().WithEncryptedReasoning("ENC-2")
            .WithToolCall("vote", Vote("agent9", "no such agent"), "call_bad_vote").WithUsage(150, 20, reasoningTokens: 25));
        _harness.Server.Enqueue(Thinker, new FakeTurn().WithEncryptedReasoning("ENC-3", "Answer with the notes.")
            .WithToolCall("new_answer", """{"content":"Four, as the notes say."}""").WithUsage(200, 40, reasoningTokens: 15));

        var result = await RunAsync(labels =>
        {
            var thinker = labels["thinker"];

            // The plain agent's second turn began before the thinker answered, so its vote is discarded as stale.
            _harness.Server.Enqueue(Plain, FakeTurn.ToolCall("vote", Vote(thinker, "stale")).After(thinkerAnswered).WithUsage(120, 10));
            _harness.Server.Enqueue(Plain, FakeTurn.ToolCall("vote", Vote(thinker, "better sourced")).WithUsage(130, 10));
            _harness.Server.Enqueue(Thinker, FakeTurn.ToolCall("vote", Vote(thinker, "it cites the notes")).WithUsage(220, 20, reasoningTokens: 5));
            _harness.Server.Enqueue(Thinker, FakeTurn.Text("Four.").WithUsage(300, 5, reasoningTokens: 2));
            labelsKnown.SetResult();
        });

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("thinker", result.WinnerId);
        Assert.Equal("Four.", result.FinalAnswer);
        Assert.Equal(20 + 25 + 15 + 5 + 2, result.Usage.Single(u => u.AgentId == "thinker").Usage.ReasoningTokens);
        Assert.Single(_events.OfType<DecisionRejected>(), e => e.AgentId == "thinker" && e.WillRetry);

        var thinkerRequests = _harness.Server.Requests.Where(r => r.Model == Thinker).Select(r => r.Body!).ToList();
        var plainRequests = _harness.Server.Requests.Where(r => r.Model == Plain).Select(r => r.Body!).ToList();
        Assert.Equal(5, thinkerRequests.Count);
        Assert.Equal(3, plainRequests.Count);

        // Nothing is stored; only the reasoning model asks for its encrypted reasoning (others reject the include).
        Assert.All(thinkerRequests.Concat(plainRequests), body => Assert.False((bool)body["store"]!));
        Assert.All(thinkerRequests, body => AssertJson("""["reasoning.encrypted_content"]""", body["include"]));
        Assert.All(plainRequests, body => Assert.Null(body["include"]));

        // After the tool call: the reasoning item, the call and its output, in the order the model produced them.
        var afterTool = Added(thinkerRequests[0], thinkerRequests[1]);
        Assert.Equal(["reasoning", "function_call", "function_call_output"], afterTool.Select(i => (string?)i!["type"]));
        AssertJson("""
            {"type":"reasoning","id":"rs_0","summary":[{"type":"summary_text","text":"Check the notes."}],"encrypted_content":"ENC-1"}
            """, afterTool[0]);
        Assert.Equal("call_notes read_notes", $"{afterTool[1]!["call_id"]} {afterTool[1]!["name"]}");
        Assert.Equal("call_notes", (string?)afterTool[2]!["call_id"]);
        Assert.StartsWith("The notes say 2 + 2 = 4.", (string?)afterTool[2]!["output"], StringComparison.Ordinal);

        // After the rejected decision: that response's reasoning (silent: no summary, only its encrypted state) went back too.
        var afterRejection = Added(thinkerRequests[1], thinkerRequests[2]);
        Assert.Equal(["reasoning", "function_call", "function_call_output"], afterRejection.Select(i => (string?)i!["type"]));
        AssertJson("""{"type":"reasoning","id":"rs_0","summary":[],"encrypted_content":"ENC-2"}""", afterRejection[0]);
        Assert.Equal("call_bad_vote vote", $"{afterRejection[1]!["call_id"]} {afterRejection[1]!["name"]}");
        Assert.Equal("call_bad_vote", (string?)afterRejection[2]!["call_id"]);

        // A new turn starts from the task again: no reasoning of an earlier turn is carried into it.
        Assert.DoesNotContain(thinkerRequests[3]["input"]!.AsArray(), i => (string?)i!["type"] == "reasoning");

        // One call per response while decisions are offered; calls may come together when only ordinary tools are.
        Assert.All(thinkerRequests.Take(4).Concat(plainRequests), body => Assert.False((bool)body["parallel_tool_calls"]!));
        Assert.Equal(["read_notes"], thinkerRequests[4]["tools"]!.AsArray().Select(t => (string?)t!["name"]));
        Assert.True((bool)thinkerRequests[4]["parallel_tool_calls"]!);
    }

    /// <summary>The input items <paramref name="next"/> sends beyond those <paramref name="previous"/> sent.</summary>
    private static List<JsonNode?> Added(JsonNode previous, JsonNode next)
    {
        var before = previous["input"]!.AsArray();
        var after = next["input"]!.AsArray();
        Assert.All(before.Select((item, i) => (item, i)), pair => Assert.True(JsonNode.DeepEquals(pair.item, after[pair.i]), $"input item {pair.i} changed"));
        return [.. after.Skip(before.Count)];
    }

    private static string Vote(string label, string reason) => new JsonObject { ["agent_id"] = label, ["reason"] = reason }.ToJsonString();

    private async Task<CoordinationResult> RunAsync(Action<IReadOnlyDictionary<string, string>> onLabels)
    {
        var notes = AIFunctionFactory.Create(() => "The notes say 2 + 2 = 4.", "read_notes", "Reads the shared notes.");
        var thinker = _harness.Create("openai", s => s with { Model = Thinker, Reasoning = new ReasoningSettings("low", "auto") }, "thinker").ToAgentDefinition();
        var plain = _harness.Create("openai", s => s with { Model = Plain }, "plain").ToAgentDefinition();
        AgentDefinition[] agents = [thinker with { Tools = [.. thinker.Tools, notes] }, plain];

        // Votes race peers' answers on purpose here (stale votes are part of the script), so voting is not deferred.
        var orchestrator = new Orchestrator(agents, new OrchestratorOptions { Seed = 42, DeferVotingUntilAllAnswered = false }, new SignallingTimeProvider());
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("What is 2 + 2?")))
        {
            _events.Add(coordinationEvent);
            foreach (var (match, signal) in _waits.Where(w => w.Match(coordinationEvent)))
            {
                signal.TrySetResult();
            }

            switch (coordinationEvent)
            {
                case RunStarted started:
                    onLabels(started.Agents.ToDictionary(a => a.AgentId, a => a.Label));
                    break;
                case RunFinished finished:
                    result = finished.Result;
                    break;
            }
        }

        return result!;
    }

    private Task When<TEvent>(Func<TEvent, bool> match)
        where TEvent : CoordinationEvent
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waits.Add((e => e is TEvent typed && match(typed), signal));
        return signal.Task;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
