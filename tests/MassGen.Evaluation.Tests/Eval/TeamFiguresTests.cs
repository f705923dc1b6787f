using MassGen.Core.Results;
using MassGen.Evaluation.Eval;

namespace MassGen.Evaluation.Tests.Eval;

public sealed class TeamFiguresTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_WinnerRevisedAfterAPeer_CountsAFlipSelfVotesAndTie()
    {
        var result = new CoordinationResult
        {
            TerminationReason = TerminationReason.Consensus,
            WinnerId = "b",
            Agents = [new("a", "agent1", null), new("b", "agent2", null), new("c", "agent3", null)],
            Answers =
            [
                new("b", "agent2", 1, 1, "first", s_start),
                new("a", "agent1", 2, 1, "second", s_start),
                new("b", "agent2", 3, 2, "revised after reading a", s_start),
            ],
            Votes =
            [
                new("a", "agent1", "b", "agent2", "r", 3, s_start),
                new("b", "agent2", "b", "agent2", "r", 3, s_start),
                new("c", "agent3", "a", "agent1", "r", 3, s_start),
            ],
            Tally = [new("b", "agent2", 2), new("a", "agent1", 1)],
            Usage = [new("a", "agent1", TokenUsage.Zero, 2), new("b", "agent2", TokenUsage.Zero, 4), new("c", "agent3", TokenUsage.Zero, 1)],
        };

        var figures = TeamFigures.From(result);

        Assert.Equal(new TeamFigures(Rounds: 4, Answers: 3, Agents: 3, Votes: 3, SelfVotes: 1, FirstAnswerWon: true, WinnerRevised: true, Tie: false, Winner: "b"), figures);
    }

    [Fact]
    public void From_SharedTopAndNoRevision_CountsATieAndNoFlip()
    {
        var result = new CoordinationResult
        {
            TerminationReason = TerminationReason.Consensus,
            WinnerId = "a",
            Agents = [new("a", "agent1", null), new("b", "agent2", null)],
            Answers = [new("b", "agent2", 1, 1, "x", s_start), new("a", "agent1", 2, 1, "y", s_start)],
            Votes = [new("a", "agent1", "b", "agent2", "r", 2, s_start), new("b", "agent2", "a", "agent1", "r", 2, s_start)],
            Tally = [new("a", "agent1", 1), new("b", "agent2", 1)],
        };

        var figures = TeamFigures.From(result);

        Assert.False(figures.FirstAnswerWon);
        Assert.False(figures.WinnerRevised);
        Assert.True(figures.Tie);
        Assert.Equal(0, figures.SelfVotes);
    }
}
