using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>Failures that say they will not heal (<see cref="IPermanentFailure"/>) fail the agent without back-off.</summary>
public sealed class PermanentFailureTests
{
    private const string KeyRejected = "Agent 'agent3' (Example, example): HTTP 401: invalid key. Fix: set EXAMPLE_API_KEY.";

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AgentThrowsPermanentFailure_FailsAtOnceWithoutBackoffAndOthersReachConsensus()
    {
        var (run, result) = await RunWithFailingThirdAgentAsync(new RejectedKeyException(KeyRejected));

        AssertFailedAtOnce(run, result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PermanentFailureWrappedBySdk_FailsAtOnceWithTheInnerMessage()
    {
        var wrapped = new InvalidOperationException("The SDK call failed.", new RejectedKeyException(KeyRejected));

        var (run, result) = await RunWithFailingThirdAgentAsync(wrapped);

        AssertFailedAtOnce(run, result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PermanentFailureInsideAggregate_FailsAtOnce()
    {
        var aggregate = new AggregateException(new InvalidOperationException("first"), new RejectedKeyException(KeyRejected));

        var (run, result) = await RunWithFailingThirdAgentAsync(aggregate);

        AssertFailedAtOnce(run, result);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_FailureSaysItIsNotPermanent_BacksOffAsBefore()
    {
        var run = new CoordinationHarness(3);
        run.AdvanceThroughBackoffs();
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0, "stale"), Script.VoteFor(l0));
        run.Team.Script(run.Id(2), [.. Enumerable.Range(0, 3).Select(_ => Script.Respond().Throw(new RejectedKeyException("overloaded", isPermanent: false)))]);

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveFailures = 3, FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        var delays = run.Of<AgentRetrying>().Where(r => r.AgentId == run.Id(2)).Select(r => r.Delay.TotalSeconds).ToList();
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], 0.9, 1.1);
        Assert.InRange(delays[1], 1.8, 2.2);
        Assert.Equal(3, run[2].Requests.Count);
        Assert.Equal(run.Id(2), Assert.Single(run.Of<AgentFailed>()).AgentId);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    private static async Task<(CoordinationHarness Run, CoordinationResult Result)> RunWithFailingThirdAgentAsync(Exception failure)
    {
        var run = new CoordinationHarness(3);
        // Time never moves in these runs; a back-off would wait forever, so the first retry announcement ends the run.
        using var retried = new CancellationTokenSource();
        run.On<AgentRetrying>(_ => true, _ => retried.Cancel());
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0, "stale"), Script.VoteFor(l0));
        run.Team.Script(run.Id(2), Script.Respond().Throw(failure), Script.Answer("never asked for"));

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveFailures = 3, FinalPresentation = FinalPresentationMode.Skip }, cancellationToken: retried.Token);
        return (run, result);
    }

    private static void AssertFailedAtOnce(CoordinationHarness run, CoordinationResult result)
    {
        run.AssertWellFormed();
        Assert.Empty(run.Of<AgentRetrying>());
        var turnFailed = Assert.Single(run.Of<TurnFailed>());
        Assert.Equal((run.Id(2), KeyRejected), (turnFailed.AgentId, turnFailed.Error));
        var failed = Assert.Single(run.Of<AgentFailed>());
        Assert.Equal((run.Id(2), KeyRejected), (failed.AgentId, failed.Error));
        Assert.Single(run[2].Requests);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.Equal(TimeSpan.Zero, result.Duration);
    }

    /// <summary>What a provider layer throws for a rejected key: it knows retrying will not help.</summary>
    private sealed class RejectedKeyException(string message, bool isPermanent = true) : Exception(message), IPermanentFailure
    {
        public bool IsPermanent { get; } = isPermanent;
    }
}
