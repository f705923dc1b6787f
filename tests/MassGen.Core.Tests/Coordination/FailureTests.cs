using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class FailureTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AgentAlwaysThrows_BacksOffExponentiallyThenLeavesQuorum()
    {
        var run = new CoordinationHarness(3);
        run.AdvanceThroughBackoffs();
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0, "stale"), Script.VoteFor(l0));
        run.Team.Script(run.Id(2), [.. Enumerable.Range(0, 4).Select(_ => Script.Respond().Throw("503 Service Unavailable"))]);

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveFailures = 4, FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        var delays = run.Of<AgentRetrying>().Where(r => r.AgentId == run.Id(2)).Select(r => r.Delay.TotalSeconds).ToList();
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0], 0.9, 1.1);
        Assert.InRange(delays[1], 1.8, 2.2);
        Assert.InRange(delays[2], 3.6, 4.4);
        Assert.Equal([2, 3, 4], run.Of<AgentRetrying>().Select(r => r.NextTry));
        var failed = Assert.Single(run.Of<AgentFailed>());
        Assert.Equal(run.Id(2), failed.AgentId);
        Assert.Contains("503", failed.Error, StringComparison.Ordinal);
        Assert.Equal(4, run[2].Requests.Count);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        var failure = Assert.Single(result.Failures);
        Assert.Equal((run.Id(2), run.Labels[2], failed.Error), (failure.AgentId, failure.Label, failure.Error));
        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"took {result.Duration} of fake time");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AllAgentsFailWithoutAnswers_EndsAllFailedWithoutAnswer()
    {
        var run = new CoordinationHarness(2);
        run.Team.Script(run.Id(0), Script.Respond().Throw());
        run.Team.Script(run.Id(1), Script.Respond().Throw(new InvalidOperationException("model not found")));

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveFailures = 1 });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.AllFailed, result.TerminationReason);
        Assert.Null(result.FinalAnswer);
        Assert.Null(result.WinnerId);
        Assert.Equal(PresentationOutcome.None, result.Presentation);
        Assert.Contains("No agent had given an answer", result.TerminationDetail, StringComparison.Ordinal);
        Assert.Equal(2, run.Of<AgentFailed>().Count());
        Assert.Equal([run.Id(0), run.Id(1)], result.Failures.Select(f => f.AgentId).Order(StringComparer.Ordinal));
        Assert.Contains($"{run.Id(1)}: InvalidOperationException: model not found.", result.TerminationDetail, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AllAgentsFailAfterAnAnswer_EndsAllFailedWithBestAnswer()
    {
        var run = new CoordinationHarness(2);
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Throw());
        run.Team.Script(run.Id(1), Script.Respond().Throw());

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveFailures = 1 });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.AllFailed, result.TerminationReason);
        Assert.Equal("Answer A.", result.FinalAnswer);
        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.DoesNotContain(run.Of<TurnStarted>(), t => t.Kind == TurnKind.Presentation);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TurnExceedsTimeout_TimesOutFailsAndRetries()
    {
        var run = new CoordinationHarness(1);
        run.AdvanceThroughBackoffs();
        run.Team.Script(run.Id(0), Script.Respond().Text("partial").HangUntilCancelled(), Script.Answer("Four."), Script.VoteFor("agent1"));
        var clock = AdvanceWhenRequested(run, 0, 1, TimeSpan.FromSeconds(10));

        var result = await run.RunAsync(new OrchestratorOptions { AgentTurnTimeout = TimeSpan.FromSeconds(10), FinalPresentation = FinalPresentationMode.Skip });
        await clock;

        run.AssertWellFormed();
        var timedOut = Assert.Single(run.Of<AgentTimedOut>());
        Assert.Equal((1, TimeSpan.FromSeconds(10)), (timedOut.TurnNumber, timedOut.Timeout));
        Assert.Contains("time limit", Assert.Single(run.Of<TurnFailed>()).Error, StringComparison.Ordinal);
        Assert.Equal(1, run[0].CancellationsObserved);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OrchestratorTimeoutWithCountingVotes_WinnerFromVotes()
    {
        var run = new CoordinationHarness(2);
        run.On<VoteCounted>(_ => true, _ => run.Time.Advance(TimeSpan.FromSeconds(100)));
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.VoteFor(run.Labels[0]));
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());

        // The peer never answers; its first answer is not waited for, so the vote comes at once.
        var result = await run.RunAsync(TimeoutOptions with { DeferVotingUntilAllAnswered = false });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Timeout, result.TerminationReason);
        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.Equal([(run.Labels[0], 1)], result.Tally.Select(t => (t.Label, t.Votes)));
        Assert.Equal(TerminationReason.Timeout, Assert.Single(run.Of<ConsensusReached>()).Reason);
        Assert.Contains(run.Of<TurnCancelled>(), c => c.AgentId == run.Id(1));
        Assert.Equal(1, run[1].CancellationsObserved);
        Assert.Equal("Answer A.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OrchestratorTimeoutWithoutVotes_LatestAnswerWins()
    {
        var run = new CoordinationHarness(2);
        run.On<AnswerAccepted>(a => a.Revision == 2, _ => run.Time.Advance(TimeSpan.FromSeconds(100)));
        var aAccepted = run.AnswerAccepted(0);
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().HangUntilCancelled());
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).NewAnswer("Answer B."), Script.Respond().HangUntilCancelled());

        var result = await run.RunAsync(TimeoutOptions);

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Timeout, result.TerminationReason);
        Assert.Equal(run.Id(1), result.WinnerId);
        Assert.Empty(result.Tally);
        Assert.Equal("Answer B.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OrchestratorTimeoutWithoutAnswers_EndsWithoutAnswerSayingWhy()
    {
        var run = new CoordinationHarness(2);
        run.Team.Script(run.Id(0), Script.Respond().HangUntilCancelled());
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());
        var clock = AdvanceWhenRequested(run, 1, 1, TimeSpan.FromSeconds(100), run[0].WaitForRequestsAsync(1));

        var result = await run.RunAsync(TimeoutOptions);
        await clock;

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.NoAnswers, result.TerminationReason);
        Assert.Null(result.FinalAnswer);
        Assert.Contains("timeout", result.TerminationDetail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, run.Of<TurnCancelled>().Count());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_WrapUp_WithdrawsNewAnswerAtEightyPercent()
    {
        var run = new CoordinationHarness(2);
        var wrapUp = run.When<WrapUpStarted>();
        run.On<AnswerAccepted>(_ => true, _ => run.Time.Advance(TimeSpan.FromSeconds(80)));
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().WaitFor(wrapUp).Vote(l0, "fine"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(wrapUp).NewAnswer("Answer B."), Script.VoteFor(l0, "A"));

        var result = await run.RunAsync(TimeoutOptions);

        run.AssertWellFormed();
        Assert.Equal(TimeSpan.FromSeconds(80), Assert.Single(run.Of<WrapUpStarted>()).Elapsed);
        var rejected = Assert.Single(run.Of<DecisionRejected>());
        Assert.Equal(DecisionRule.OverAnswerCap, rejected.Rule);
        Assert.Contains("closed", rejected.Message, StringComparison.Ordinal);
        var retry = run[1].Requests[1];
        Assert.Equal(["vote"], retry.ToolNames);
        Assert.Contains("Time is nearly up", Assert.Single(retry.FunctionResults), StringComparison.Ordinal);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Single(result.Answers);
    }

    private static OrchestratorOptions TimeoutOptions => new()
    {
        OrchestratorTimeout = TimeSpan.FromSeconds(100),
        AgentTurnTimeout = TimeSpan.FromSeconds(1000),
        FinalPresentation = FinalPresentationMode.Skip,
    };

    /// <summary>Advances the clock once the agent's request number <paramref name="count"/> (and <paramref name="alsoWaitFor"/>) arrived.</summary>
    private static async Task AdvanceWhenRequested(CoordinationHarness run, int agent, int count, TimeSpan by, Task? alsoWaitFor = null)
    {
        await run[agent].WaitForRequestsAsync(count);
        if (alsoWaitFor is not null)
        {
            await alsoWaitFor;
        }

        run.Time.Advance(by);
    }
}
