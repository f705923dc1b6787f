using MassGen.Core.Coordination.Internal;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

public sealed class BudgetGateTests
{
    [Fact]
    public void TryReserve_NoHistory_EstimatesFourCharactersPerToken()
    {
        var gate = new BudgetGate(maxTokens: 1000, maxCostUsd: null);

        var reservation = gate.TryReserve("a", promptChars: 400, out var refusal);

        Assert.Null(refusal);
        Assert.Equal(100, reservation!.Estimate.Tokens);
        Assert.Null(reservation.Estimate.CostUsd);
    }

    [Fact]
    public void TryReserve_AfterACall_UsesTheAgentsRateAndLargestOutput()
    {
        var gate = new BudgetGate(maxTokens: 100_000, maxCostUsd: null);
        gate.Settle(gate.TryReserve("a", 1000, out _)!, Usage(500, 80));
        gate.Settle(gate.TryReserve("a", 1000, out _)!, Usage(500, 120));

        var reservation = gate.TryReserve("a", promptChars: 3000, out _);

        // 2 characters a token: 1,500 input tokens, plus the largest output so far.
        Assert.Equal(1500 + 120, reservation!.Estimate.Tokens);
    }

    [Fact]
    public void TryReserve_AgentWithoutCalls_UsesTheTeamsRate()
    {
        var gate = new BudgetGate(maxTokens: 100_000, maxCostUsd: null);
        gate.Settle(gate.TryReserve("a", 1000, out _)!, Usage(1000, 50));

        var reservation = gate.TryReserve("b", promptChars: 600, out _);

        Assert.Equal(600 + 50, reservation!.Estimate.Tokens);
    }

    [Fact]
    public void TryReserve_CallWouldPassTheTokenLimit_RefusesAndSaysWhy()
    {
        var gate = new BudgetGate(maxTokens: 1000, maxCostUsd: null);
        gate.Settle(gate.TryReserve("a", 400, out _)!, Usage(400, 100));
        var inFlight = gate.TryReserve("b", 400, out _);

        var refused = gate.TryReserve("a", 400, out var refusal);

        Assert.NotNull(inFlight);
        Assert.Null(refused);
        Assert.Equal("The token budget of 1000 has no room for another call: 500 tokens spent, 500 expected from calls in flight, about 500 needed for the next one.", refusal);
    }

    [Fact]
    public void Settle_CallEndedWithoutUsage_ReleasesItsReservation()
    {
        var gate = new BudgetGate(maxTokens: 1000, maxCostUsd: null);
        var first = gate.TryReserve("a", 2400, out _);
        Assert.Null(gate.TryReserve("b", 2400, out _));

        gate.Settle(first!, usage: null);

        Assert.NotNull(gate.TryReserve("b", 2400, out _));
    }

    [Fact]
    public void TryReserve_PricedCalls_RefusesACallPastTheCostLimit()
    {
        var gate = new BudgetGate(maxTokens: null, maxCostUsd: 1m);
        gate.Settle(gate.TryReserve("a", 400, out _)!, Usage(100, 100, 0.6m));

        var refused = gate.TryReserve("a", 400, out var refusal);

        Assert.Null(refused);
        Assert.Equal("The cost budget of $1 has no room for another call: $0.6 spent, $0 expected from calls in flight, about $0.6 needed for the next one.", refusal);
    }

    [Fact]
    public void Count_CallOutsideTheGate_IsPartOfTheSpend()
    {
        var gate = new BudgetGate(maxTokens: 1000, maxCostUsd: null);

        gate.Count("a", 400, Usage(800, 100));

        Assert.Null(gate.TryReserve("a", 40, out _));
    }

    [Fact]
    public void PromptChars_CountsTextsToolCallsAndResults()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "abcd"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "vote", new Dictionary<string, object?> { ["agent"] = "agent1" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "ok")]),
        ];

        Assert.Equal(4 + 4 + 5 + 6 + 2, BudgetGate.PromptChars(messages));
    }

    private static TokenUsage Usage(long input, long output, decimal? cost = null) => new() { InputTokens = input, OutputTokens = output, CostUsd = cost };
}
