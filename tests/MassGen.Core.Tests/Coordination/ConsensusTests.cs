using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class ConsensusTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ThreeAgentsAnswerThenVote_ReachesConsensusAndStreamsPresentation()
    {
        var run = new CoordinationHarness(3);
        var (a1, a2, a3) = (run.AnswerAccepted(0), run.AnswerAccepted(1), run.AnswersAccepted(3));
        var winner = run.Labels[1];

        // Answers land one after another; turns started before the last answer vote on a stale revision.
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.Respond().WaitFor(a3).Vote(winner, "stale"), Script.VoteFor(winner, "clear and correct"));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(a1).NewAnswer("2 + 2 = 4, by counting."), Script.Respond().WaitFor(a3).Vote(winner, "stale"), Script.VoteFor(winner, "shows the reasoning"), Script.Say("The answer is 4.").Usage(100, 20));
        run.Team.Script(run.Id(2), Script.Respond().WaitFor(a2).NewAnswer("It is four."), Script.VoteFor(run.Labels[0], "short"));

        // Voting is not deferred here: the scenario is the stale vote itself (VotingDeferralTests covers the default).
        var result = await run.RunAsync(new() { DeferVotingUntilAllAnswered = false });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal(run.Id(1), result.WinnerId);
        Assert.Equal(winner, result.WinnerLabel);
        Assert.Equal("The answer is 4.", result.FinalAnswer);
        Assert.Equal(PresentationOutcome.Presented, result.Presentation);
        Assert.Equal([(run.Id(1), 2), (run.Id(0), 1)], result.Tally.Select(t => (t.AgentId, t.Votes)));
        Assert.Equal(3, result.Votes.Count);
        Assert.All(result.Votes, v => Assert.Equal(3, v.Revision));
        Assert.Equal(2, result.DiscardedVotes.Count);
        Assert.Equal(3, result.Answers.Count);
        Assert.Equal(120, result.TotalUsage.TotalTokens);

        var kinds = run.Events.Select(e => e.GetType()).ToList();
        Assert.True(kinds.IndexOf(typeof(ConsensusReached)) < kinds.IndexOf(typeof(PresentationStarted)));
        Assert.True(kinds.IndexOf(typeof(PresentationStarted)) < kinds.IndexOf(typeof(FinalAnswerDelta)));
        Assert.Equal("The answer is 4.", string.Concat(run.Of<FinalAnswerDelta>().Select(d => d.Text)));
        Assert.Equal(3, run.Of<VoteCounted>().Count());
    }
}
