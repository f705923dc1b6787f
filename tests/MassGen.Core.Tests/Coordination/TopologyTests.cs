using System.Text.Json;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;

namespace MassGen.Core.Tests.Coordination;

public sealed class TopologyTests
{
    private static readonly OrchestratorOptions s_islands = new() { Topology = TeamTopology.Islands, GroupSize = 4, Seed = 7 };
    private static readonly OrchestratorOptions s_tournament = new() { Topology = TeamTopology.Tournament, GroupSize = 3, Seed = 7 };

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_EightAgents_GroupsConvergeApartAndTheirWinnersConvergeOnTheRightAnswer()
    {
        var run = new TopologyHarness(8, rightAgents: [5]);
        var groups = run.FirstRoundGroups(4, seed: 7);

        var result = await run.RunAsync(s_islands);

        run.AssertWellFormed();
        Assert.Equal([(1, 2, 8, false), (2, 1, 2, true)], run.Of<RoundStarted>().Select(r => (r.Round, r.Groups, r.Agents, r.IsFinal)));
        var formed = run.Of<GroupFormed>().ToList();
        Assert.Equal(["1.1", "1.2", "2.1"], formed.Select(f => f.Group).Order(StringComparer.Ordinal));
        Assert.Equal(groups, formed.Where(f => f.Round == 1).OrderBy(f => f.Group, StringComparer.Ordinal).Select(f => f.AgentIds.ToList()));
        var converged = run.Of<GroupConverged>().ToList();
        Assert.Equal(3, converged.Count);
        var finalGroup = formed.Single(f => f.Round == 2);
        Assert.True(finalGroup.StartsFromAnswers);
        Assert.Equal(converged.Where(c => c.Round == 1).Select(c => c.WinnerId).Order(StringComparer.Ordinal), finalGroup.AgentIds.Order(StringComparer.Ordinal));

        // Each first-round answer is accepted in its author's group only, and a wrong group never saw the right answer.
        foreach (var answer in run.Of<AnswerAccepted>().Where(a => a.Group!.StartsWith("1.", StringComparison.Ordinal)))
        {
            Assert.Contains(answer.AgentId, formed.Single(f => f.Group == answer.Group).AgentIds);
        }

        var wrongGroup = groups.Single(g => !g.Contains("a5"));
        var wrongWinner = converged.Single(c => c.Round == 1 && c.WinnerId != "a5").WinnerId;
        Assert.All(wrongGroup.Where(id => id != wrongWinner), id => Assert.False(run.Policies[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)].HasSeen("RIGHT")));

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("a5", result.WinnerId);
        Assert.Equal("RIGHT: 4 (from a5)", result.FinalAnswer);
        Assert.Single(run.Of<PresentationStarted>());
        Assert.Equal("2.1", run.Of<PresentationStarted>().Single().Group);
        var report = Assert.IsType<TopologyReport>(result.Topology);
        Assert.Equal([groups.FindIndex(g => g.Contains("a5")) == 0 ? "1.1" : "1.2", "2.1"], report.WinningPath);
        Assert.Equal(3, report.Groups.Count);
        Assert.Equal(8, result.Usage.Count);
        Assert.Equal(result.Usage.Aggregate(TokenUsage.Zero, (s, u) => s.Add(u.Usage)).TotalTokens, result.TotalUsage.TotalTokens);
        Assert.Equal(report.Groups.Sum(g => g.Usage.TotalTokens), result.TotalUsage.TotalTokens);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Tournament_NineAgentsBracketsOfThree_LaterBracketsCompareAnswersByVotingOnly()
    {
        var run = new TopologyHarness(9, rightAgents: [2]);

        var result = await run.RunAsync(s_tournament);

        run.AssertWellFormed();
        Assert.Equal([(1, 3, 9, false), (2, 1, 3, true)], run.Of<RoundStarted>().Select(r => (r.Round, r.Groups, r.Agents, r.IsFinal)));
        var secondRound = run.Events.Where(e => e.Group == "2.1").ToList();
        Assert.All(secondRound.OfType<TurnStarted>().Where(t => t.Kind == TurnKind.Coordination), t => Assert.False(t.CanAnswer));
        Assert.Equal(3, secondRound.OfType<AnswerAccepted>().Count());
        Assert.Equal("RIGHT: 4 (from a2)", result.FinalAnswer);
        Assert.Equal("a2", result.WinnerId);
        Assert.Equal(2, result.Topology!.WinningPath.Count);
        Assert.Equal("2.1", result.Topology.WinningPath[^1]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Tournament_TenAgentsInPairs_ByesAdvanceUntilOneAnswerRemains()
    {
        var run = new TopologyHarness(10, rightAgents: [7]);

        var result = await run.RunAsync(s_tournament with { GroupSize = 2 });

        run.AssertWellFormed();
        Assert.Equal([10, 5, 3, 2], run.Of<RoundStarted>().Select(r => r.Agents));
        Assert.Equal([5, 3, 2, 1], run.Of<RoundStarted>().Select(r => r.Groups));
        var byes = run.Of<GroupConverged>().Where(c => c.Reason == TerminationReason.SingleAgent).ToList();
        Assert.Equal(2, byes.Count);
        Assert.Equal("RIGHT: 4 (from a7)", result.FinalAnswer);
        Assert.Equal(4, result.Topology!.WinningPath.Count);
    }

    [Fact]
    public void Split_SameSeed_SameGroups_AndAnotherSeedOthers()
    {
        var run = new TopologyHarness(12, rightAgents: [0]);

        var first = run.FirstRoundGroups(4, seed: 7);
        var again = run.FirstRoundGroups(4, seed: 7);
        var other = run.FirstRoundGroups(4, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal([4, 4, 4], first.Select(g => g.Count));
        Assert.Equal(run.Agents.Select(a => a.Id).Order(StringComparer.Ordinal), first.SelectMany(g => g).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Split_TenIntoGroupsOfFour_GivesBalancedGroupsWithoutAStraggler()
    {
        var run = new TopologyHarness(10, rightAgents: [0]);

        Assert.Equal([4, 3, 3], run.FirstRoundGroups(4, seed: 1).Select(g => g.Count));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_SameSeedTwice_FormsTheSameGroups()
    {
        var first = new TopologyHarness(8, rightAgents: [1]);
        var second = new TopologyHarness(8, rightAgents: [1]);
        var third = new TopologyHarness(8, rightAgents: [1]);

        await first.RunAsync(s_islands);
        await second.RunAsync(s_islands);
        await third.RunAsync(s_islands with { Seed = 8 });

        static List<string> Groups(TopologyHarness run) => [.. run.Of<GroupFormed>().Where(f => f.Round == 1).OrderBy(f => f.Group, StringComparer.Ordinal).Select(f => string.Join(",", f.AgentIds))];
        Assert.Equal(Groups(first), Groups(second));
        Assert.NotEqual(Groups(first), Groups(third));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_AFailingMemberInsideAGroup_DoesNotSinkTheGroup()
    {
        var probe = new TopologyHarness(6, rightAgents: [0]);
        var mate = probe.FirstRoundGroups(3, seed: 7).Single(g => g.Contains("a0")).First(id => id != "a0");
        var run = new TopologyHarness(6, rightAgents: [0], failingAgents: [int.Parse(mate[1..], System.Globalization.CultureInfo.InvariantCulture)]);

        var result = await run.RunAsync(s_islands with { GroupSize = 3 });

        run.AssertWellFormed();
        var failed = Assert.Single(run.Of<AgentFailed>());
        Assert.Equal(mate, failed.AgentId);
        Assert.StartsWith("1.", failed.Group, StringComparison.Ordinal);
        Assert.Empty(run.Of<GroupFailed>());
        Assert.Equal("RIGHT: 4 (from a0)", result.FinalAnswer);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_AGroupWhoseMembersAllFail_IsReportedAndTheOtherGroupWins()
    {
        var probe = new TopologyHarness(6, rightAgents: [0]);
        var doomed = probe.FirstRoundGroups(3, seed: 7).Single(g => !g.Contains("a0"));
        var run = new TopologyHarness(6, rightAgents: [0], failingAgents: doomed.Select(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)));

        var result = await run.RunAsync(s_islands with { GroupSize = 3 });

        run.AssertWellFormed();
        var failedGroup = Assert.Single(run.Of<GroupFailed>());
        Assert.Equal(TerminationReason.AllFailed, failedGroup.Reason);
        Assert.Equal(doomed, run.Of<GroupFormed>().Single(f => f.Group == failedGroup.Group).AgentIds);
        Assert.Equal(["a0"], run.Of<GroupFormed>().Single(f => f.Round == 2).AgentIds);
        Assert.Equal("RIGHT: 4 (from a0)", result.FinalAnswer);
        Assert.Contains(result.Topology!.Groups, g => g.WinnerId is null && g.Reason == TerminationReason.AllFailed);
        Assert.Equal(doomed.Order(StringComparer.Ordinal), result.Failures.Select(f => f.AgentId).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_EveryAgentFails_EndsWithoutAnAnswer()
    {
        var run = new TopologyHarness(4, rightAgents: [0], failingAgents: [0, 1, 2, 3]);

        var result = await run.RunAsync(s_islands with { GroupSize = 2 });

        run.AssertWellFormed();
        Assert.Equal(2, run.Of<GroupFailed>().Count());
        Assert.Equal(TerminationReason.AllFailed, result.TerminationReason);
        Assert.Null(result.FinalAnswer);
        Assert.DoesNotContain(run.Of<RoundStarted>(), r => r.Round == 2);
        Assert.Equal(["a0", "a1", "a2", "a3"], result.Failures.Select(f => f.AgentId).Order(StringComparer.Ordinal));
        Assert.Equal(result.Agents.Select(a => a.Label).Order(StringComparer.Ordinal), result.Failures.Select(f => f.Label).Order(StringComparer.Ordinal));
        Assert.Contains("group 1.1", result.TerminationDetail, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_TokenBudget_IsSharedByEveryGroup()
    {
        var run = new TopologyHarness(8, rightAgents: [5]);

        var result = await run.RunAsync(s_islands with { MaxTotalTokens = 3_000 });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Budget, result.TerminationReason);
        Assert.True(result.TotalUsage.TotalTokens <= 3_000, $"{result.TotalUsage.TotalTokens} tokens spent");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task All_Default_PublishesNoGroupsAndWritesNoGroupFields()
    {
        var run = new TopologyHarness(3, rightAgents: [1]);

        var result = await run.RunAsync(new OrchestratorOptions { Seed = 7 });

        run.AssertWellFormed();
        Assert.All(run.Events, e => Assert.Null(e.Group));
        Assert.Empty(run.Of<GroupFormed>());
        Assert.Null(result.Topology);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var json = JsonSerializer.Serialize<CoordinationEvent>(run.Events[^1], options);
        Assert.DoesNotContain("\"group\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"topology\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Orchestrator_GroupSizeOne_IsRejectedWithTheReason()
    {
        var run = new TopologyHarness(3, rightAgents: [1]);

        var error = Assert.Throws<OrchestratorConfigurationException>(() => new Orchestrator(run.Agents, s_islands with { GroupSize = 1 }));

        Assert.Contains("GroupSize must be at least 2", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_InterruptedWhileAGroupIsStillWorking_EndsAfterTheRoundWithTheLeadingWinner()
    {
        var (run, busyGroup) = TeamWithAHangingMember();
        using var interrupt = new CancellationTokenSource();

        var result = await run.RunAsync(s_islands with { GroupSize = 2 }, e =>
        {
            if (e is GroupConverged)
            {
                interrupt.Cancel();
            }
        }, cancellationToken: interrupt.Token);

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Interrupted, result.TerminationReason);
        Assert.NotNull(result.FinalAnswer);
        Assert.Equal(PresentationOutcome.Skipped, result.Presentation);
        Assert.DoesNotContain(run.Of<RoundStarted>(), r => r.Round == 2);
        Assert.Contains(run.Of<GroupConverged>(), c => c.Group == busyGroup && c.Reason == TerminationReason.Interrupted);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Islands_AnswerNow_StopsEveryGroupAndTheFinalGroupPresentsAtOnce()
    {
        var (run, busyGroup) = TeamWithAHangingMember();
        var control = new CoordinationControl();

        var result = await run.RunAsync(s_islands with { GroupSize = 2 }, e =>
        {
            if (e is GroupConverged)
            {
                control.AnswerNow();
            }
        }, control);

        run.AssertWellFormed();
        Assert.Contains(run.Of<GroupConverged>(), c => c.Group == busyGroup && c.Reason == TerminationReason.AnswerNow);
        Assert.Equal(TerminationReason.AnswerNow, result.TerminationReason);
        Assert.Equal("2.1", Assert.Single(run.Of<PresentationStarted>()).Group);
        Assert.DoesNotContain(run.Of<VoteCounted>(), v => v.Group == "2.1");
        Assert.NotNull(result.FinalAnswer);
    }

    /// <summary>Four agents in two pairs; one member of one pair never finishes a turn, so its pair waits for it.</summary>
    private static (TopologyHarness Run, string BusyGroup) TeamWithAHangingMember()
    {
        var pairs = new TopologyHarness(4, rightAgents: [0]).FirstRoundGroups(2, seed: 7);
        var hanging = int.Parse(pairs[1][1][1..], System.Globalization.CultureInfo.InvariantCulture);
        return (new TopologyHarness(4, rightAgents: [0], hangingAgents: [hanging]), "1.2");
    }
}
