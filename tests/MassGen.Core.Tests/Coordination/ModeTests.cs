using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class ModeTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SingleAgentWithoutOrchestrator_AnswersDirectlyInOneCall()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Respond().Reasoning("easy").Text("Four.").Usage(10, 2));

        var result = await run.RunAsync(new OrchestratorOptions { UseOrchestratorForSingleAgent = false });

        run.AssertWellFormed();
        Assert.Equal(("Four.", TerminationReason.SingleAgent, run.Id(0)), (result.FinalAnswer, result.TerminationReason, result.WinnerId));
        var request = Assert.Single(run[0].Requests);
        Assert.Empty(request.ToolNames);
        Assert.DoesNotContain("CURRENT ANSWERS", request.UserText, StringComparison.Ordinal);
        Assert.Equal("Four.", Assert.Single(run.Of<FinalAnswerDelta>()).Text);
        Assert.Single(run.Of<ReasoningDelta>());
        Assert.Equal(12, result.TotalUsage.TotalTokens);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SkipCoordinationRounds_FirstAgentAnswersOnceAndPresents()
    {
        var run = new CoordinationHarness(3);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.Say("The answer is four."));

        var result = await run.RunAsync(new OrchestratorOptions { SkipCoordinationRounds = true });

        run.AssertWellFormed();
        Assert.Equal(("The answer is four.", TerminationReason.SingleAgent), (result.FinalAnswer, result.TerminationReason));
        Assert.Empty(run[1].Requests);
        Assert.Empty(run[2].Requests);
        Assert.Empty(result.Votes);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_DecisionsAsJsonText_ParsesDecisionsFromText()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(
            run.Id(0),
            Script.Say("I am not sure yet."),
            Script.Say("""Here it is: {"action":"new_answer","content":"Four."} done."""),
            Script.Say("""{"action":"vote","agent_id":"agent1","reason":"it is right"}"""));

        var result = await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip }, configure: a => a with { DecisionsAsJsonText = true });

        run.AssertWellFormed();
        Assert.All(run[0].Requests, r => Assert.Empty(r.ToolNames));
        Assert.Contains("one JSON object", run[0].Requests[0].SystemText, StringComparison.Ordinal);
        Assert.Contains("Valid agent_id values: agent1", run[0].Requests[2].UserText, StringComparison.Ordinal);
        Assert.Equal(DecisionRule.NoDecision, Assert.Single(run.Of<DecisionRejected>()).Rule);
        Assert.Equal(("Four.", TerminationReason.Consensus), (result.FinalAnswer, result.TerminationReason));
        Assert.Equal("it is right", Assert.Single(result.Votes).Reason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TokenBudget_WrapsUpThenStopsWithBestAnswer()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four.").Usage(5000, 4000), Script.Respond().Usage(15, 5).Vote("agent1"));

        var result = await run.RunAsync(new OrchestratorOptions { MaxTotalTokens = 10_000 });

        run.AssertWellFormed();
        Assert.Contains("token budget", Assert.Single(run.Of<WrapUpStarted>()).Reason, StringComparison.Ordinal);
        Assert.False(run.Of<TurnStarted>().Last().CanAnswer);
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        Assert.Equal(("Four.", PresentationOutcome.Skipped), (result.FinalAnswer, result.Presentation));
        // The vote (about 9,000 tokens by the first call) did not fit in the 1,000 left, so it was never sent.
        Assert.Single(run[0].Requests);
        Assert.Equal((9000, 1000L), (result.TotalUsage.TotalTokens, result.TokensUnderBudget));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PricedUsage_StopsBeforeACallPastTheCostBudget()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four.").Usage(10, 10, costNanoUsd: 600_000_000), Script.Respond().Usage(10, 10, costNanoUsd: 500_000_000).Vote("agent1"));

        var result = await run.RunAsync(new OrchestratorOptions { MaxCostUsd = 1m });

        run.AssertWellFormed();
        // The second call, priced like the first, would have passed the dollar: it was never sent.
        Assert.Equal(0.6m, result.TotalUsage.CostUsd);
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        Assert.Equal([0.6m], run.Of<UsageReported>().Select(u => u.AgentTotal.CostUsd!.Value));
        Assert.Equal(0.4m, result.CostUnderBudgetUsd);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CallerCancels_StopsGracefullyWithBestAnswer()
    {
        var run = new CoordinationHarness(2);
        using var interrupt = new CancellationTokenSource();
        run.On<AnswerAccepted>(_ => true, _ => interrupt.Cancel());
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.Respond().HangUntilCancelled());
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());

        var result = await run.RunAsync(cancellationToken: interrupt.Token);

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Interrupted, result.TerminationReason);
        Assert.Equal(("Four.", PresentationOutcome.Skipped), (result.FinalAnswer, result.Presentation));
        Assert.Equal(1, run[1].CancellationsObserved);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TokenAlreadyCancelled_EndsInterruptedWithoutModelCalls()
    {
        var run = new CoordinationHarness(2);

        var result = await run.RunAsync(cancellationToken: new CancellationToken(canceled: true));

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Interrupted, result.TerminationReason);
        Assert.Null(result.FinalAnswer);
        Assert.Empty(run.Team.AllRequests);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ConsumerStopsEnumerating_CancelsTurnsWithoutResult()
    {
        var run = new CoordinationHarness(2);
        run.Team.Script(run.Id(0), Script.Respond().HangUntilCancelled());
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());
        var orchestrator = run.Create();

        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("q")))
        {
            if (coordinationEvent is TurnStarted)
            {
                await run[0].WaitForRequestsAsync(1);
                await run[1].WaitForRequestsAsync(1);
                break;
            }
        }

        Assert.Equal(1, run[0].CancellationsObserved);
        Assert.Equal(1, run[1].CancellationsObserved);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EmptyTask_ThrowsClearError()
    {
        var run = new CoordinationHarness(1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => run.Create().RunToResultAsync(new CoordinationRequest("  ")));

        Assert.Contains("The task is empty", error.Message, StringComparison.Ordinal);
    }
}
