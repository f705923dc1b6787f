using System.Text.Json.Nodes;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Providers.Tests;

/// <summary>
/// A whole coordination through the engine with three agents on three wire protocols (OpenAI Responses, Anthropic
/// Messages, Chat Completions), every call going over HTTP to the fake server and through the real SDKs.
/// </summary>
public sealed class EndToEndCoordinationTests : IAsyncLifetime
{
    private static readonly (string Id, string Type, ModelPrice Price)[] s_team =
    [
        ("researcher", "openai", new ModelPrice(1.25m, 10m, 0.125m)),
        ("critic", "claude", new ModelPrice(3m, 15m, 0.3m)),
        ("fast", "chatcompletion", new ModelPrice(0.5m, 1m)),
    ];

    private readonly List<CoordinationEvent> _events = [];
    private readonly List<(string Id, FakeTurn Turn)> _scripted = [];
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ThreeProviders_ConsensusPresentationAndScriptedUsageAndCost()
    {
        var labelsKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (a1, a2, a3) = (When<AnswerAccepted>(e => e.AgentId == "researcher"), When<AnswerAccepted>(e => e.AgentId == "critic"), When<AnswerAccepted>(e => e.Revision == 3));
        Script("researcher", FakeTurn.ToolCall("new_answer", """{"content":"Four."}""").After(labelsKnown.Task).WithUsage(1200, 40, cachedInputTokens: 200, reasoningTokens: 10));
        Script("critic", FakeTurn.ToolCall("new_answer", """{"content":"2 + 2 = 4, by counting."}""").After(a1).WithUsage(1300, 60, cachedInputTokens: 300));
        Script("fast", FakeTurn.ToolCall("new_answer", """{"content":"It is four."}""").After(a2).WithUsage(1400, 30, cachedInputTokens: 100));

        var result = await RunAsync(labels =>
        {
            var winner = labels["critic"];
            Script("researcher", Vote(winner, "stale").After(a3).WithUsage(2000, 20));
            Script("researcher", Vote(winner, "clear and correct").WithUsage(2100, 25, reasoningTokens: 5));
            Script("critic", Vote(winner, "stale").After(a3).WithUsage(2200, 20));
            Script("critic", Vote(winner, "shows the reasoning").WithUsage(2300, 25));
            Script("critic", FakeTurn.Text("The answer ", "is 4.").WithUsage(2500, 12, cachedInputTokens: 2000));
            Script("fast", Vote(labels["researcher"], "short").WithUsage(2400, 15));
            labelsKnown.SetResult();
        });

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("critic", result.WinnerId);
        Assert.Equal("The answer is 4.", result.FinalAnswer);
        Assert.Equal(PresentationOutcome.Presented, result.Presentation);
        Assert.Equal([("critic", 2), ("researcher", 1)], result.Tally.Select(t => (t.AgentId, t.Votes)));
        Assert.Equal(["openai/model-openai", "claude/model-claude", "chatcompletion/model-chatcompletion"], result.Agents.Select(a => a.Model));

        // Every scripted call was made, each agent's usage is the sum of its scripted usage, priced at its own rate.
        Assert.Equal(_scripted.Count, _harness.Server.Requests.Count);
        foreach (var (id, type, price) in s_team)
        {
            var turns = _scripted.Where(s => s.Id == id).Select(s => s.Turn.Usage!).ToList();
            var usage = result.Usage.Single(u => u.AgentId == id).Usage;
            Assert.Equal(turns.Sum(u => u.InputTokens), usage.InputTokens);
            Assert.Equal(turns.Sum(u => u.OutputTokens), usage.OutputTokens);
            Assert.Equal(turns.Sum(u => u.CachedInputTokens), usage.CachedInputTokens);
            if (type != "claude")
            {
                Assert.Equal(turns.Sum(u => u.ReasoningTokens), usage.ReasoningTokens);
            }

            Assert.Equal(turns.Sum(u => price.CostNanoUsd(u.InputTokens, u.OutputTokens, u.CachedInputTokens)) / 1_000_000_000m, usage.CostUsd);
        }

        var all = _scripted.Select(s => s.Turn.Usage!).ToList();
        Assert.Equal(all.Sum(u => u.InputTokens + u.OutputTokens), result.TotalUsage.TotalTokens);
        Assert.Equal(result.Usage.Sum(u => u.Usage.CostUsd), result.TotalUsage.CostUsd);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OneProviderRejectsKey_ThatAgentFailsWithFixAndTheOthersFinish()
    {
        var labelsKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var criticGone = When<AgentFailed>(e => e.AgentId == "critic");
        var a1 = When<AnswerAccepted>(e => e.AgentId == "researcher");
        var a2 = When<AnswerAccepted>(e => e.Revision == 2);
        Script("researcher", FakeTurn.ToolCall("new_answer", """{"content":"Four."}""").After(labelsKnown.Task).WithUsage(100, 10));
        Script("fast", FakeTurn.ToolCall("new_answer", """{"content":"It is four."}""").After(a1).WithUsage(100, 10));

        var result = await RunAsync(
            labels =>
            {
                // The researcher's second turn starts before the second answer exists, so that vote is stale.
                Script("researcher", Vote(labels["researcher"], "stale").After(Task.WhenAll(a2, criticGone)).WithUsage(100, 5));
                Script("researcher", Vote(labels["researcher"], "first and right").WithUsage(100, 5));
                Script("fast", Vote(labels["researcher"], "same answer, said first").After(criticGone).WithUsage(100, 5));
                Script("researcher", FakeTurn.Text("Four.").WithUsage(100, 3));
                labelsKnown.SetResult();
            },
            settings => settings.Type == "claude" ? settings with { ApiKey = "sk-revoked" } : settings);

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("researcher", result.WinnerId);
        Assert.Equal("Four.", result.FinalAnswer);
        var failure = Assert.Single(_events.OfType<AgentFailed>());
        Assert.Contains("Agent 'critic'", failure.Error);
        Assert.Contains("Anthropic", failure.Error);
        Assert.Contains("HTTP 401", failure.Error);
        Assert.Contains("ANTHROPIC_API_KEY", failure.Error);

        // A 401 will not heal: neither the provider layer nor the engine tried again.
        Assert.Single(_harness.Server.Requests, r => r.Model == "model-claude");
        Assert.Single(_events.OfType<TurnFailed>(), e => e.AgentId == "critic");
        Assert.DoesNotContain(_events.OfType<AgentRetrying>(), e => e.AgentId == "critic");
        Assert.Equal(failure.Error, _events.OfType<TurnFailed>().Single(e => e.AgentId == "critic").Error);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_VotingDeferred_EachAgentKeepsOneToolsBlockThroughRevisionsAndRevotes()
    {
        var labelsKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var revised = When<AnswerAccepted>(e => e.Revision == 4);
        Script("researcher", FakeTurn.ToolCall("new_answer", """{"content":"Four."}""").After(labelsKnown.Task));
        Script("critic", FakeTurn.ToolCall("new_answer", """{"content":"2 + 2 = 4."}""").After(labelsKnown.Task));
        Script("fast", FakeTurn.ToolCall("new_answer", """{"content":"It is four."}""").After(labelsKnown.Task));

        var result = await RunAsync(
            labels =>
            {
                var winner = labels["critic"];
                // Voting opens once all three have answered; the critic's and fast's first votes are asked on revision
                // 3, then the researcher revises, so those votes arrive stale and both are asked again.
                var criticStale = Vote(winner, "asked before the revision").After(revised);
                var fastStale = Vote(winner, "asked before the revision").After(revised);
                Script("researcher", FakeTurn.ToolCall("new_answer", """{"content":"Four, by counting."}""").After(Task.WhenAll(criticStale.Received, fastStale.Received)));
                Script("critic", criticStale);
                Script("fast", fastStale);
                Script("researcher", Vote(winner, "clear"));
                Script("critic", Vote(winner, "shows the sum"));
                Script("fast", Vote(winner, "right"));
                Script("critic", FakeTurn.Text("4."));
                labelsKnown.SetResult();
            },
            deferVoting: true);

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("critic", result.WinnerId);
        Assert.Equal(_scripted.Count, _harness.Server.Requests.Count);
        foreach (var (_, type, _) in s_team)
        {
            // Every request after an agent's first answer, up to the presentation, is a coordination turn on the full
            // answer set: the tools block (the start of the prefix providers cache) is byte-identical across them,
            // through a revision and the re-votes it caused.
            var requests = _harness.Server.Requests.Where(r => r.Model == ProviderHarness.ModelFor(type)).Skip(1).ToList();
            var coordinationTurns = requests.Where(r => r.Body!["tools"] is JsonArray { Count: > 0 }).Select(r => r.Body!["tools"]!.ToJsonString()).ToList();
            Assert.True(coordinationTurns.Count >= 2, $"{type}: expected at least two coordination turns after the first answer");
            Assert.Single(coordinationTurns.Distinct());
            Assert.Contains("\"vote\"", coordinationTurns[0]);
        }

        // Anthropic's first breakpoint sits on that stable tools block.
        var claude = _harness.Server.Requests.Where(r => r.Model == ProviderHarness.ModelFor("claude")).ElementAt(1).Body!;
        Assert.NotNull(claude["tools"]!.AsArray()[^1]!["cache_control"]);
    }

    private static FakeTurn Vote(string label, string reason) =>
        FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = label, ["reason"] = reason }.ToJsonString());

    private void Script(string agentId, FakeTurn turn)
    {
        var type = s_team.Single(t => t.Id == agentId).Type;
        _harness.Server.Enqueue(ProviderHarness.ModelFor(type), turn);
        _scripted.Add((agentId, turn));
    }

    private async Task<CoordinationResult> RunAsync(
        Action<IReadOnlyDictionary<string, string>> onLabels, Func<BackendSettings, BackendSettings>? adjust = null, bool deferVoting = false)
    {
        var agents = s_team.Select(member => _harness.Create(member.Type, s => (adjust ?? (x => x))(s with { Price = member.Price }), member.Id).ToAgentDefinition());

        // The engine's own clock is fake so its retry back-off of a failing agent passes when the test says so.
        var engineTime = new SignallingTimeProvider();
        // Most scenarios race votes against first answers on purpose (stale votes included), so voting is not deferred.
        var orchestrator = new Orchestrator(agents, new OrchestratorOptions { Seed = 42, DeferVotingUntilAllAnswered = deferVoting }, engineTime);
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("What is 2 + 2?")))
        {
            lock (_events)
            {
                _events.Add(coordinationEvent);
            }

            Signal(coordinationEvent);
            switch (coordinationEvent)
            {
                case RunStarted started:
                    onLabels(started.Agents.ToDictionary(a => a.AgentId, a => a.Label));
                    break;
                case AgentRetrying retrying:
                    engineTime.Advance(retrying.Delay);
                    break;
                case RunFinished finished:
                    result = finished.Result;
                    break;
            }
        }

        return result!;
    }

    private readonly List<(Func<CoordinationEvent, bool> Match, TaskCompletionSource Signal)> _waits = [];

    private Task When<TEvent>(Func<TEvent, bool> match)
        where TEvent : CoordinationEvent
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waits.Add((e => e is TEvent typed && match(typed), signal));
        return signal.Task;
    }

    private void Signal(CoordinationEvent coordinationEvent)
    {
        foreach (var (match, signal) in _waits.Where(w => w.Match(coordinationEvent)))
        {
            signal.TrySetResult();
        }
    }
}
