using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>Voting deferred while peers' first answers are on their way (on by default), with its bound.</summary>
public sealed class VotingDeferralTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(50)]
    public async Task RunAsync_FirstAnswersLandOneAfterAnother_NoStaleVoteAndTwoNPlusOneCalls(int agents)
    {
        var run = new CoordinationHarness(agents);
        var winner = run.Labels[0];
        // Each first answer lands just after the previous one, while the later ones are still being written: without
        // the deferral every early answerer would vote on a revision that is already gone.
        run.Team.Script(run.Id(0), Script.Answer("Answer 0."), Script.VoteFor(winner), Script.Say("Presented."));
        for (var i = 1; i < agents; i++)
        {
            run.Team.Script(run.Id(i), Script.Respond().WaitFor(run.AnswerAccepted(i - 1)).NewAnswer($"Answer {i}."), Script.VoteFor(winner));
        }

        var result = await run.RunAsync();

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("Presented.", result.FinalAnswer);
        Assert.Empty(result.DiscardedVotes);
        Assert.Empty(run.Of<VoteDiscarded>());
        Assert.Equal((2 * agents) + 1, Enumerable.Range(0, agents).Sum(i => run[i].Requests.Count));
        Assert.All(result.Votes, v => Assert.Equal(agents, v.Revision));
        // Every voting turn saw every answer.
        Assert.All(Enumerable.Range(0, agents), i => Assert.Equal(agents, run[i].Requests[1].VoteEnum!.Count));
        Assert.Equal(agents - 1, run.Of<VotingDeferred>().Count());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SlowPeer_WaitIsBoundedAndNewAnswersGoOn()
    {
        var run = new CoordinationHarness(2);
        var limit = TimeSpan.FromSeconds(45);
        var start = run.Time.GetUtcNow();
        var (l0, l1) = (run.Labels[0], run.Labels[1]);
        var firstVote = run.When<VoteCounted>(v => v.VoterId == run.Id(0));
        run.On<VotingDeferred>(_ => true, e => run.Time.Advance(e.Limit));
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Answer("Answer A, improved."), Script.VoteFor(l0), Script.VoteFor(l0), Script.Say("A presented."));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(firstVote).NewAnswer("Answer B."), Script.VoteFor(l0));

        var result = await run.RunAsync(new OrchestratorOptions { VotingDeferralLimit = limit });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        var deferred = Assert.Single(run.Of<VotingDeferred>());
        Assert.Equal((run.Id(0), l0, 1, limit), (deferred.AgentId, deferred.Label, deferred.PendingFirstAnswers, deferred.Limit));

        // The fast agent's second turn starts when the wait runs out, not when the slow peer answers, and its new answer
        // is accepted while the peer is still writing.
        var secondTurn = run.Of<TurnStarted>().Single(t => t.AgentId == run.Id(0) && t.TurnNumber == 2);
        Assert.Equal(start + limit, secondTurn.Timestamp);
        var accepted = run.Of<AnswerAccepted>().Select(a => (a.AgentId, a.AnswerNumber)).ToList();
        Assert.Equal([(run.Id(0), 1), (run.Id(0), 2), (run.Id(1), 1)], accepted);
        Assert.DoesNotContain("Answer B.", run[0].Requests[1].UserText, StringComparison.Ordinal);

        // The wait is spent for this attempt: the vote comes at once, and the slow answer clears it as always.
        Assert.Single(run.Of<VotesCleared>());
        Assert.Empty(result.DiscardedVotes);
        Assert.Equal([(l0, 2)], result.Tally.Select(t => (t.Label, t.Votes)));
        Assert.Contains("Answer B.", run[0].Requests[3].UserText, StringComparison.Ordinal);
        Assert.Equal(new[] { l0, l1 }.Order(StringComparer.Ordinal), run[0].Requests[3].VoteEnum);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LateNewAnswerAfterAllFirstAnswers_StillInvalidatesVotes()
    {
        var run = new CoordinationHarness(3);
        var (l0, l1) = (run.Labels[0], run.Labels[1]);
        var voting = new TaskCompletionSource();
        var improved = run.AnswerAccepted(1, 2);
        var thirdVoted = run.When<VoteCounted>(v => v.VoterId == run.Id(2));
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().Signal(voting).WaitFor(improved).Vote(l0, "stale"), Script.VoteFor(l1, "B"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(run.AnswerAccepted(0)).NewAnswer("Answer B."),
            Script.Respond().WaitFor(Task.WhenAll(voting.Task, thirdVoted)).NewAnswer("Answer B, improved."), Script.VoteFor(l1, "B"));
        run.Team.Script(run.Id(2), Script.Respond().WaitFor(run.AnswerAccepted(1)).NewAnswer("Answer C."), Script.VoteFor(l0, "cleared"), Script.VoteFor(l1, "B"));

        var result = await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        var discarded = Assert.Single(run.Of<VoteDiscarded>());
        Assert.Equal((run.Id(0), 3, 4), (discarded.VoterId, discarded.CastOnRevision, discarded.CurrentRevision));
        Assert.Equal([run.Id(2)], Assert.Single(run.Of<VotesCleared>()).VoterIds);
        Assert.Equal([(l1, 3)], result.Tally.Select(t => (t.Label, t.Votes)));
        Assert.All(result.Votes, v => Assert.Equal(4, v.Revision));
        Assert.Equal("Answer B, improved.", result.FinalAnswer);
    }
}
