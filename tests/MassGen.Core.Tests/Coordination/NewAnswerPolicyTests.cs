using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

public sealed class NewAnswerPolicyTests
{
    // These scenarios race a vote against a peer's first answer on purpose, so voting is not deferred.
    private static readonly OrchestratorOptions s_skip = new() { FinalPresentation = FinalPresentationMode.Skip, DeferVotingUntilAllAnswered = false };

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NewAnswerWhileVoting_DiscardsStaleVoteAndRetakesTurn()
    {
        var run = new CoordinationHarness(2);
        var voting = new TaskCompletionSource();
        var bAccepted = run.AnswerAccepted(1);
        var (l0, l1) = (run.Labels[0], run.Labels[1]);
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Signal(voting).WaitFor(bAccepted).Vote(l0, "mine is fine"), Script.VoteFor(l1, "B is better"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(voting.Task).NewAnswer("Answer B, improved."), Script.VoteFor(l1, "B"));

        var result = await run.RunAsync(s_skip);

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        var discarded = Assert.Single(result.DiscardedVotes);
        Assert.Equal((run.Id(0), l0, 1), (discarded.VoterId, discarded.TargetLabel, discarded.Revision));
        var discardedEvent = Assert.Single(run.Of<VoteDiscarded>());
        Assert.Equal((1, 2), (discardedEvent.CastOnRevision, discardedEvent.CurrentRevision));
        Assert.DoesNotContain(run.Of<VoteCounted>(), v => v.VoterId == run.Id(0) && v.TargetLabel == l0);

        // The new turn shows the new answer, and the tally holds only current-revision votes.
        Assert.Contains("Answer B, improved.", run[0].Requests[2].UserText, StringComparison.Ordinal);
        Assert.Equal([(l1, 2)], result.Tally.Select(t => (t.Label, t.Votes)));
        Assert.All(result.Votes, v => Assert.Equal(2, v.Revision));
        Assert.Equal("Answer B, improved.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_RestartPolicy_CancelsInFlightTurnAndStartsFreshOne()
    {
        var run = new CoordinationHarness(2);
        var voting = new TaskCompletionSource();
        var (l1, l0) = (run.Labels[1], run.Labels[0]);
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Signal(voting).HangUntilCancelled(), Script.VoteFor(l1, "B is better"));
        // Under restart, accepting A also cancels the second agent's first turn.
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled(), Script.Respond().WaitFor(voting.Task).NewAnswer("Answer B."), Script.VoteFor(l1, "B"));

        var result = await run.RunAsync(s_skip with { OnNewAnswer = NewAnswerPolicy.Restart });

        run.AssertWellFormed();
        Assert.Equal(1, run[0].CancellationsObserved);
        Assert.Equal(1, run[1].CancellationsObserved);
        Assert.Contains(run.Of<TurnCancelled>(), c => (c.AgentId, c.TurnNumber) == (run.Id(0), 2));
        Assert.Contains("Answer B.", run[0].Requests[2].UserText, StringComparison.Ordinal);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal(run.Id(1), result.WinnerId);
        Assert.Empty(result.DiscardedVotes);
        Assert.DoesNotContain(l0, result.Tally.Select(t => t.Label));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InjectPolicy_ToolResultCarriesUpdateAndLaterVoteCounts()
    {
        var run = new CoordinationHarness(2);
        var voting = new TaskCompletionSource();
        var bAccepted = run.AnswerAccepted(1);
        var (l0, l1) = (run.Labels[0], run.Labels[1]);
        ToolInvocationContext? seenContext = null;
        var lookup = AIFunctionFactory.Create(
            (AIFunctionArguments arguments) =>
            {
                seenContext = arguments.Context?[typeof(ToolInvocationContext)] as ToolInvocationContext;
                return "lookup result";
            },
            "lookup",
            "Looks something up.");
        run.Team.Configure(run.Id(0), a => a with { Tools = [lookup] });
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Signal(voting).WaitFor(bAccepted).Call("lookup", new { query = "x" }), Script.VoteFor(l1, "B is better"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(voting.Task).NewAnswer("Answer B."), Script.VoteFor(l1, "B"));

        var result = await run.RunAsync(s_skip);

        run.AssertWellFormed();
        var afterTool = run[0].Requests[2];
        var toolResult = Assert.Single(afterTool.FunctionResults);
        Assert.StartsWith("lookup result", toolResult, StringComparison.Ordinal);
        Assert.Contains("<UPDATE>", toolResult, StringComparison.Ordinal);
        Assert.Contains("Answer B.", toolResult, StringComparison.Ordinal);
        Assert.Equal(new[] { l0, l1 }.Order(StringComparer.Ordinal), afterTool.VoteEnum);
        Assert.True(Assert.Single(run.Of<ToolCallFinished>()).UpdateInjected);
        Assert.Empty(result.DiscardedVotes);
        Assert.Contains(result.Votes, v => v.VoterId == run.Id(0) && v.TargetLabel == l1 && v.Revision == 2);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal(new ToolInvocationContext(run.Id(0), l0, 2, false, seenContext!.Reporter), seenContext);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_StaleNewAnswerIdenticalToCurrent_IsRejectedWithUpdate()
    {
        var run = new CoordinationHarness(2);
        var voting = new TaskCompletionSource();
        var bAccepted = run.AnswerAccepted(1);
        var l1 = run.Labels[1];
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Signal(voting).WaitFor(bAccepted).NewAnswer("Answer B."), Script.VoteFor(l1, "B"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(voting.Task).NewAnswer("Answer B."), Script.VoteFor(l1, "B"));

        var result = await run.RunAsync(s_skip);

        run.AssertWellFormed();
        var rejected = Assert.Single(run.Of<DecisionRejected>());
        Assert.Equal(DecisionRule.NotNovel, rejected.Rule);
        Assert.Contains(l1, rejected.Message, StringComparison.Ordinal);
        var feedback = Assert.Single(run[0].Requests[2].FunctionResults);
        Assert.Contains("<UPDATE>", feedback, StringComparison.Ordinal);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }
}
