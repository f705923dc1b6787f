using MassGen.Core.Coordination;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>A budget is a ceiling: calls start only when they fit, and the result says by how much the run stayed under.</summary>
public sealed class BudgetCeilingTests
{
    // One agent, so no other call is in flight when the last one is refused: with several, calls in flight hold their
    // reservations and the margin depends on how the agents' tasks interleave (RunAsync_CallCancelledAtTheStop covers
    // a reservation in flight deterministically).
    private const int Agents = 1;
    private const int Drafts = 60;

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NeverConvergingTeamWithTokenBudget_EndsWithinTenPercentUnderTheCeiling()
    {
        var run = NeverConvergingTeam(costNanoUsdPerToken: null);

        var result = await run.RunAsync(Options() with { MaxTotalTokens = 6000 });

        run.AssertWellFormed();
        var spent = result.TotalUsage.TotalTokens;
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        Assert.InRange(spent, 5400, 6000);
        Assert.Equal(6000 - spent, result.TokensUnderBudget);
        Assert.Null(result.CostUnderBudgetUsd);
        Assert.Contains($"The run ended {6000 - spent} tokens (", result.TerminationDetail, StringComparison.Ordinal);
        Assert.Contains("under the token budget.", result.TerminationDetail, StringComparison.Ordinal);
        // Calls that add up to the ceiling exactly end the run as used up; any other end is a call that would not fit.
        Assert.StartsWith(spent == 6000 ? "The token budget of 6000 was used up" : "The token budget of 6000 has no room for another call", result.TerminationDetail, StringComparison.Ordinal);
        Assert.Equal(PresentationOutcome.Skipped, result.Presentation);
        Assert.NotNull(result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NeverConvergingTeamWithCostBudget_EndsWithinTenPercentUnderTheCeiling()
    {
        // 2,000 nano-USD a token: 6,000 tokens cost $0.012.
        var run = NeverConvergingTeam(costNanoUsdPerToken: 2000);

        var result = await run.RunAsync(Options() with { MaxCostUsd = 0.012m });

        run.AssertWellFormed();
        var cost = result.TotalUsage.CostUsd!.Value;
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        Assert.InRange(cost, 0.0108m, 0.012m);
        Assert.Equal(0.012m - cost, result.CostUnderBudgetUsd);
        Assert.Null(result.TokensUnderBudget);
        Assert.StartsWith(cost == 0.012m ? "The cost budget of $0.012 was used up" : "The cost budget of $0.012 has no room for another call", result.TerminationDetail, StringComparison.Ordinal);
        Assert.Contains("under the cost budget.", result.TerminationDetail, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CallCancelledAtTheStop_CountsTheTokensItReported()
    {
        var run = new CoordinationHarness(2);
        // Agent 0 answers only once agent 1's call is under way, so that call's reservation is held when agent 0 asks.
        var secondCallUnderWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Team.Script(run.Id(0), Script.Respond().WaitFor(secondCallUnderWay.Task).NewAnswer("Four.").Usage(4000, 1000), Script.VoteFor("agent1"));
        run.Team.Script(run.Id(1), Script.Respond().Signal(secondCallUnderWay).Usage(2000, 0).HangUntilCancelled());

        var result = await run.RunAsync(new OrchestratorOptions { MaxTotalTokens = 10_000, DeferVotingUntilAllAnswered = false });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        // Agent 0's second call (about 5,000 tokens by its first) did not fit and was never made.
        Assert.Single(run[0].Requests);
        Assert.Equal(1, run[1].CancellationsObserved);
        Assert.Equal(7000, result.TotalUsage.TotalTokens);
        Assert.Equal(3000, result.TokensUnderBudget);
        Assert.Equal(("Four.", PresentationOutcome.Skipped), (result.FinalAnswer, result.Presentation));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NoBudget_ReportsNoMargin()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four.").Usage(10, 5), Script.VoteFor("agent1"), Script.Say("Four."));

        var result = await run.RunAsync();

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Null(result.TokensUnderBudget);
        Assert.Null(result.CostUnderBudgetUsd);
    }

    internal static OrchestratorOptions Options() => new() { MaxNewAnswersPerAgent = null };

    /// <summary>
    /// Agents that answer anew on every call and never vote; each call reads a longer prompt than the last, so
    /// its input grows, as it does for a real team whose answers pile up.
    /// </summary>
    internal static CoordinationHarness NeverConvergingTeam(long? costNanoUsdPerToken)
    {
        var run = new CoordinationHarness(Agents);
        run.AdvanceThroughBackoffs();
        for (var agent = 0; agent < Agents; agent++)
        {
            var responses = new ScriptedResponse[Drafts];
            for (var draft = 0; draft < Drafts; draft++)
            {
                var words = string.Join(' ', Enumerable.Range(0, 12).Select(w => $"a{agent}d{draft}w{w}"));
                long input = 250 + (40 * draft);
                const long output = 90;
                responses[draft] = Script.Answer($"Draft {draft}: {words}.").Usage(input, output, costNanoUsd: costNanoUsdPerToken * (input + output));
            }

            run.Team.Script(run.Id(agent), responses);
        }

        return run;
    }
}
