using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class TieBreakTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TieUnderRegistration_FirstConfiguredAgentWins()
    {
        var (run, result) = await RunTieAsync(TieBreak.Registration);

        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.True(Assert.Single(run.Of<ConsensusReached>()).TieBroken);
        Assert.Equal([1, 1], result.Tally.Select(t => t.Votes));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TieUnderLatest_MostRecentAnswerWins()
    {
        var (run, result) = await RunTieAsync(TieBreak.Latest);

        Assert.Equal(run.Id(1), result.WinnerId);
        Assert.True(Assert.Single(run.Of<ConsensusReached>()).TieBroken);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TieUnderRandom_SameSeedSameWinnerAndSeedsDecide()
    {
        var winners = new Dictionary<int, int>();
        for (var seed = 1; seed <= 8; seed++)
        {
            var (first, firstResult) = await RunTieAsync(TieBreak.Random, seed);
            var (_, secondResult) = await RunTieAsync(TieBreak.Random, seed);
            Assert.Equal(firstResult.WinnerId, secondResult.WinnerId);
            winners[seed] = first.Team.Ids.ToList().IndexOf(firstResult.WinnerId!);
        }

        // Both tied agents win for some seed: the choice comes from the seed, not from a fixed order.
        Assert.Equal([0, 1], winners.Values.Distinct().Order());
    }

    /// <summary>Two agents each answer and then vote for the other: one vote each.</summary>
    private static async Task<(CoordinationHarness Run, CoordinationResult Result)> RunTieAsync(TieBreak tieBreak, int seed = CoordinationHarness.DefaultSeed)
    {
        var run = new CoordinationHarness(2, seed);
        var (aAccepted, bAccepted) = (run.AnswerAccepted(0), run.AnswerAccepted(1));
        var (l0, l1) = (run.Labels[0], run.Labels[1]);
        run.Team.Script(run.Id(0), Script.Answer("Answer A."), Script.Respond().WaitFor(bAccepted).Vote(l0, "stale"), Script.VoteFor(l1, "B"));
        // B answers only once A's voting turn has been sent: that vote was made without B's answer and is stale. Waiting
        // for A's answer alone would let a slow machine start A's turn after B's answer, and the vote would count.
        var aVoting = run.Team[0].WaitForRequestsAsync(2);
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(Task.WhenAll(aAccepted, aVoting)).NewAnswer("Answer B."), Script.VoteFor(l0, "A"));

        var result = await run.RunAsync(new OrchestratorOptions { TieBreak = tieBreak, FinalPresentation = FinalPresentationMode.Skip, DeferVotingUntilAllAnswered = false });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        return (run, result);
    }
}
