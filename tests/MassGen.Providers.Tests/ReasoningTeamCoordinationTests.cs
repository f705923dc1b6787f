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
/// A whole three-agent coordination (OpenAI reasoning model on the Responses API, Anthropic, Chat Completions) over HTTP
/// to the fake server through the real SDKs: the reasoning agent's items survive every tool step of its turns without
/// anything being stored, and each protocol gets its own one-call-per-response setting on each kind of turn.
/// </summary>
public sealed class ReasoningTeamCoordinationTests : IAsyncLifetime
{
    private const string Reasoner = "gpt-5";
    private const string Critic = "model-claude";
    private const string Fast = "model-chatcompletion";

    private readonly List<CoordinationEvent> _events = [];
    private readonly List<(Func<CoordinationEvent, bool> Match, TaskCompletionSource Signal)> _waits = [];
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ReasoningAgentInThreeProviderTeam_WinsWithReasoningKeptAndNothingStored()
    {
        var labelsKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (a1, a2, a3) = (When<AnswerAccepted>(e => e.AgentId == "reasoner"), When<AnswerAccepted>(e => e.AgentId == "critic"), When<AnswerAccepted>(e => e.Revision == 3));
        Enqueue(Reasoner, new FakeTurn().WithEncryptedReasoning("ENC-A", "Look at the ", "notes first.")
            .WithToolCall("read_notes", "{}", "call_notes_1").After(labelsKnown.Task).WithUsage(500, 60, reasoningTokens: 40));
        Enqueue(Reasoner, new FakeTurn().WithEncryptedReasoning("ENC-B")
            .WithToolCall("new_answer", """{"content":"Four: the notes agree."}""").WithUsage(600, 50, reasoningTokens: 30));
        Enqueue(Critic, FakeTurn.ToolCall("new_answer", """{"content":"2 + 2 = 4."}""").After(a1).WithUsage(700, 30));
        Enqueue(Fast, FakeTurn.ToolCall("new_answer", """{"content":"4"}""").After(a2).WithUsage(300, 10));

        var result = await RunAsync(labels =>
        {
            var reasoner = labels["reasoner"];

            // The reasoner's and the critic's second turns began before the last answer, so those votes are stale.
            Enqueue(Reasoner, new FakeTurn().WithEncryptedReasoning("ENC-C", "Mine.").WithToolCall("vote", Vote(reasoner, "stale")).After(a3).WithUsage(800, 20, reasoningTokens: 10));
            Enqueue(Reasoner, new FakeTurn().WithEncryptedReasoning("ENC-D").WithToolCall("vote", Vote(reasoner, "sourced")).WithUsage(900, 20, reasoningTokens: 12));
            Enqueue(Critic, FakeTurn.ToolCall("vote", Vote(reasoner, "stale")).After(a3).WithUsage(800, 20));
            Enqueue(Critic, FakeTurn.ToolCall("vote", Vote(reasoner, "it checked the notes")).WithUsage(850, 20));
            Enqueue(Fast, FakeTurn.ToolCall("vote", Vote(reasoner, "best sourced")).WithUsage(400, 10));
            Enqueue(Reasoner, new FakeTurn().WithEncryptedReasoning("ENC-E").WithToolCall("read_notes", "{}", "call_notes_2").WithUsage(1000, 30, reasoningTokens: 20));
            Enqueue(Reasoner, FakeTurn.Text("The answer ", "is 4.").WithUsage(1100, 15, reasoningTokens: 5));
            labelsKnown.SetResult();
        });

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("reasoner", result.WinnerId);
        Assert.Equal("The answer is 4.", result.FinalAnswer);
        Assert.Equal(PresentationOutcome.Presented, result.Presentation);
        Assert.Equal([("reasoner", 3)], result.Tally.Select(t => (t.AgentId, t.Votes)));
        Assert.Equal(40 + 30 + 10 + 12 + 20 + 5, result.Usage.Single(u => u.AgentId == "reasoner").Usage.ReasoningTokens);
        Assert.Equal("Look at the notes first.", string.Concat(_events.OfType<ReasoningDelta>().Where(d => d.AgentId == "reasoner" && d.TurnNumber == 1).Select(d => d.Text)));

        var reasoner = Bodies(Reasoner);
        var critic = Bodies(Critic);
        var fast = Bodies(Fast);
        Assert.Equal((6, 3, 2), (reasoner.Count, critic.Count, fast.Count));

        // The reasoning agent stores nothing and asks for its encrypted reasoning; the others get no store field at all.
        Assert.All(reasoner, body => Assert.False((bool)body["store"]!));
        Assert.All(reasoner, body => Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["reasoning.encrypted_content"]"""), body["include"])));
        Assert.All(critic.Concat(fast), body => Assert.Null(body["store"]));

        // Within a coordination turn and within the presentation, the reasoning item goes back before its call.
        AssertRoundTrip(reasoner[0], reasoner[1], """{"type":"reasoning","id":"rs_0","summary":[{"type":"summary_text","text":"Look at the notes first."}],"encrypted_content":"ENC-A"}""", "call_notes_1");
        AssertRoundTrip(reasoner[4], reasoner[5], """{"type":"reasoning","id":"rs_0","summary":[],"encrypted_content":"ENC-E"}""", "call_notes_2");
        Assert.All(reasoner.Skip(2).Take(3), body => Assert.DoesNotContain(body["input"]!.AsArray(), i => (string?)i!["type"] == "reasoning"));

        // One call per response while deciding, in each protocol's own words; several when presenting with tools.
        Assert.All(reasoner.Take(4).Concat(fast), body => Assert.False((bool)body["parallel_tool_calls"]!));
        Assert.All(critic, body => Assert.True((bool)body["tool_choice"]!["disable_parallel_tool_use"]!));
        Assert.All(reasoner.Skip(4), body => Assert.True((bool)body["parallel_tool_calls"]!));
        Assert.All(reasoner.Skip(4), body => Assert.Equal(["read_notes"], body["tools"]!.AsArray().Select(t => (string?)t!["name"])));
    }

    private static void AssertRoundTrip(JsonNode previous, JsonNode next, string reasoningItem, string callId)
    {
        var before = previous["input"]!.AsArray();
        var added = next["input"]!.AsArray().Skip(before.Count).ToList();
        Assert.Equal(["reasoning", "function_call", "function_call_output"], added.Select(i => (string?)i!["type"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reasoningItem), added[0]), $"expected {reasoningItem}\nactual   {added[0]?.ToJsonString()}");
        Assert.Equal(callId, (string?)added[1]!["call_id"]);
        Assert.Equal(callId, (string?)added[2]!["call_id"]);
    }

    private List<JsonNode> Bodies(string model) => [.. _harness.Server.Requests.Where(r => r.Model == model).Select(r => r.Body!)];

    private void Enqueue(string model, FakeTurn turn) => _harness.Server.Enqueue(model, turn);

    private static string Vote(string label, string reason) => new JsonObject { ["agent_id"] = label, ["reason"] = reason }.ToJsonString();

    private async Task<CoordinationResult> RunAsync(Action<IReadOnlyDictionary<string, string>> onLabels)
    {
        var notes = AIFunctionFactory.Create(() => "The notes say 2 + 2 = 4.", "read_notes", "Reads the shared notes.");
        var reasoner = _harness.Create("openai", s => s with { Model = Reasoner, Reasoning = new ReasoningSettings("high", "auto") }, "reasoner").ToAgentDefinition();
        AgentDefinition[] agents =
        [
            reasoner with { Tools = [.. reasoner.Tools, notes] },
            _harness.Create("claude", agentId: "critic").ToAgentDefinition(),
            _harness.Create("chatcompletion", agentId: "fast").ToAgentDefinition(),
        ];

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
}
