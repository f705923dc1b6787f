using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>
/// Rebuilding a stopped run's state from its events (<see cref="CoordinationCheckpoint.FromEvents"/>) and continuing
/// it (<see cref="Orchestrator.ResumeAsync"/>): answers, counting and discarded votes, failed agents and spend come
/// back; the turns that were in flight are redone and nothing else is.
/// </summary>
public sealed class ResumeTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromEvents_StaleVoteClearedVoteAndFailedAgent_RebuildsTheLoopsState()
    {
        var run = new CoordinationHarness(3);
        var (a, b, c) = (run.Id(0), run.Id(1), run.Id(2));
        var (la, lb, lc) = (run.Labels[0], run.Labels[1], run.Labels[2]);
        var log = new EventLog(run)
            .Add(new TurnStarted(a, la, 1, 0, TurnKind.Coordination, true))
            .Add(new TurnStarted(b, lb, 1, 0, TurnKind.Coordination, true))
            .Add(new TurnStarted(c, lc, 1, 0, TurnKind.Coordination, true))
            .Add(new AnswerAccepted(a, la, 1, 1, "Four."))
            .Add(new UsageReported(a, 1, Usage(100, 10), Usage(100, 10)))
            .Add(new TurnStarted(a, la, 2, 1, TurnKind.Coordination, false))
            .Add(new VoteCounted(a, la, a, la, "mine is fine", 1))
            .Add(new TurnFailed(c, 1, "HTTP 500", 1))
            .Add(new AgentRetrying(c, 2, TimeSpan.FromSeconds(1), "HTTP 500"))
            .Add(new AnswerAccepted(b, lb, 2, 1, "It is 4."))
            .Add(new VotesCleared(2, [a]))
            .Add(new TurnStarted(b, lb, 2, 2, TurnKind.Coordination, false))
            .Add(new TurnStarted(c, lc, 2, 2, TurnKind.Coordination, true))
            .Add(new TurnFailed(c, 2, "HTTP 500", 2))
            .Add(new TurnStarted(c, lc, 3, 2, TurnKind.Coordination, true))
            .Add(new TurnFailed(c, 3, "HTTP 500", 3))
            .Add(new AgentFailed(c, lc, "HTTP 500"))
            .Add(new TurnStarted(a, la, 3, 1, TurnKind.Coordination, false))
            .Add(new VoteDiscarded(a, la, la, "cast on 1", 1, 2))
            .Add(new VoteCounted(b, lb, a, la, "shorter", 2))
            .Add(new UsageReported(b, 2, Usage(50, 5), Usage(80, 9)))
            .Add(new TurnStarted(a, la, 4, 2, TurnKind.Coordination, false));

        var checkpoint = CoordinationCheckpoint.FromEvents(log.Events);

        Assert.False(checkpoint.IsFinished);
        Assert.Equal(run.Seed, checkpoint.Seed);
        Assert.Equal("What is 2 + 2?", checkpoint.Task);
        Assert.Equal(2, checkpoint.Revision);
        Assert.Equal([(a, 1, "Four."), (b, 2, "It is 4.")], checkpoint.Answers.Select(x => (x.AgentId, x.Revision, x.Content)));
        // a's vote on revision 1 was cleared by b's answer; only b's vote on revision 2 counts.
        var vote = Assert.Single(checkpoint.Votes);
        Assert.Equal((b, a, 2, "shorter"), (vote.VoterId, vote.TargetId, vote.Revision, vote.Reason));
        var discarded = Assert.Single(checkpoint.DiscardedVotes);
        Assert.Equal((a, a, 1), (discarded.VoterId, discarded.TargetId, discarded.Revision));
        Assert.Equal([false, false, true], checkpoint.AgentStates.Select(s => s.Failed));
        Assert.Equal(3, checkpoint.AgentStates[2].ConsecutiveFailures);
        Assert.Equal([4, 2, 3], checkpoint.AgentStates.Select(s => s.TurnsTaken));
        Assert.Equal([110L, 89L, 0L], checkpoint.AgentStates.Select(s => s.Usage.TotalTokens));
        var inFlight = Assert.Single(checkpoint.InterruptedTurns);
        Assert.Equal((a, 4), (inFlight.AgentId, inFlight.TurnNumber));
        Assert.Equal(log.Events[^1].Sequence, checkpoint.LastSequence);
        Assert.Equal(log.Events[^1].Timestamp - s_start, checkpoint.Elapsed);
    }

    [Fact]
    public void FromEvents_FinishedRun_CarriesTheResult()
    {
        var run = new CoordinationHarness(2);
        var log = new EventLog(run).Add(new RunFinished(new CoordinationResult { TerminationReason = TerminationReason.Consensus, FinalAnswer = "4" }));

        var checkpoint = CoordinationCheckpoint.FromEvents(log.Events);

        Assert.True(checkpoint.IsFinished);
        Assert.Equal("4", checkpoint.Result!.FinalAnswer);
    }

    [Fact]
    public void FromEvents_NoRunStarted_SaysTheLogIsNotAWholeRun()
    {
        var error = Assert.Throws<InvalidDataException>(() => CoordinationCheckpoint.FromEvents([new AnswerAccepted("a", "agent1", 1, 1, "x") { Sequence = 5 }]));

        Assert.Contains("does not begin with run_started", error.Message);
        Assert.Contains("nothing to resume", Assert.Throws<InvalidDataException>(() => CoordinationCheckpoint.FromEvents([])).Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ResumeAsync_OneVoteMissingAndItsTurnInFlight_RedoesOnlyThatTurnAndKeepsEverythingElse()
    {
        var run = new CoordinationHarness(3);
        var (a, b, c) = (run.Id(0), run.Id(1), run.Id(2));
        var (la, lb, lc) = (run.Labels[0], run.Labels[1], run.Labels[2]);
        var log = new EventLog(run)
            .Add(new AnswerAccepted(a, la, 1, 1, "Four."))
            .Add(new AnswerAccepted(b, lb, 2, 1, "2 + 2 = 4, by counting."))
            .Add(new TurnStarted(a, la, 2, 2, TurnKind.Coordination, true))
            .Add(new AnswerAccepted(c, lc, 3, 1, "It is four."))
            .Add(new VoteDiscarded(a, la, lb, "stale", 2, 3))
            .Add(new VoteCounted(a, la, b, lb, "shows the reasoning", 3))
            .Add(new UsageReported(a, 2, Usage(100, 10), Usage(300, 30)))
            .Add(new VoteCounted(b, lb, b, lb, "mine", 3))
            .Add(new TurnStarted(c, lc, 2, 3, TurnKind.Coordination, false));
        var checkpoint = CoordinationCheckpoint.FromEvents(log.Events);
        run.Team.Script(c, Script.VoteFor(lb, "clearest"));
        run.Team.Script(b, Script.Say("The answer is 4.").Usage(40, 10));

        var events = new List<CoordinationEvent>();
        await foreach (var coordinationEvent in run.Create().ResumeAsync(new CoordinationRequest(checkpoint.Task), checkpoint))
        {
            events.Add(coordinationEvent);
        }

        var result = Assert.IsType<RunFinished>(events[^1]).Result;
        var resumed = Assert.IsType<RunResumed>(events[0]);
        Assert.Equal(checkpoint.LastSequence + 1, resumed.Sequence);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => checkpoint.LastSequence + 1 + i), events.Select(e => e.Sequence));
        Assert.Equal([(c, 2)], resumed.Resumption.RedoneTurns.Select(t => (t.AgentId, t.TurnNumber)));
        Assert.Equal("The answer is 4.", result.FinalAnswer);
        Assert.Equal(b, result.WinnerId);
        Assert.Equal(["Four.", "2 + 2 = 4, by counting.", "It is four."], result.Answers.Select(x => x.Content));
        Assert.Equal([(a, "shows the reasoning"), (b, "mine"), (c, "clearest")], result.Votes.Select(v => (v.VoterId, v.Reason)));
        Assert.Equal("stale", Assert.Single(result.DiscardedVotes).Reason);
        Assert.Equal(330 + 50, result.TotalUsage.TotalTokens);
        Assert.Equal(resumed.Resumption, Assert.Single(result.Resumptions));
        // Only the interrupted turn was redone (numbered after it) and the winner presented; a made no call.
        Assert.Empty(run[0].Requests);
        Assert.Single(run[2].Requests);
        Assert.Equal(3, events.OfType<TurnStarted>().Single(t => t.AgentId == c).TurnNumber);
        // Labels and answer order come from the run's seed: the redone turn sees the answers as the original would.
        Assert.Equal(run.Labels, result.Agents.Select(x => x.Label));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ResumeAsync_OtherTeamOrFinishedRun_IsRefusedWithTheReason()
    {
        var run = new CoordinationHarness(2);
        var log = new EventLog(run);
        var other = new CoordinationHarness(3);

        var mismatch = await Assert.ThrowsAsync<OrchestratorConfigurationException>(async () =>
        {
            await foreach (var _ in other.Create().ResumeAsync(new CoordinationRequest("x"), CoordinationCheckpoint.FromEvents(log.Events)))
            {
            }
        });
        var finished = CoordinationCheckpoint.FromEvents(log.Add(new RunFinished(new CoordinationResult { TerminationReason = TerminationReason.Consensus })).Events);
        var done = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in run.Create().ResumeAsync(new CoordinationRequest("x"), finished))
            {
            }
        });

        Assert.Contains("resume it with the team it ran with", mismatch.Message);
        Assert.Contains("finished already", done.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ResumeAsync_TeamSplitIntoGroups_IsRefusedSayingOnlyWholeTeamRunsResume()
    {
        var run = new CoordinationHarness(4);
        var log = new EventLog(run);

        var refused = await Assert.ThrowsAsync<OrchestratorConfigurationException>(async () =>
        {
            await foreach (var _ in run.Create(new OrchestratorOptions { Seed = 1, Topology = TeamTopology.Islands, GroupSize = 2 }).ResumeAsync(new CoordinationRequest("x"), CoordinationCheckpoint.FromEvents(log.Events)))
            {
            }
        });

        Assert.Contains("topology islands cannot be resumed", refused.Message);
    }

    private static TokenUsage Usage(long input, long output) => new() { InputTokens = input, OutputTokens = output };

    /// <summary>A run's events as the loop would have stamped them: sequence from 1, a second apart, RunStarted first.</summary>
    private sealed class EventLog
    {
        public EventLog(CoordinationHarness run)
        {
            Add(new RunStarted("What is 2 + 2?", run.Seed, [.. Enumerable.Range(0, run.Team.Ids.Count).Select(i => new AgentLabel(run.Id(i), run.Labels[i], null))]));
        }

        public List<CoordinationEvent> Events { get; } = [];

        public EventLog Add(CoordinationEvent coordinationEvent)
        {
            Events.Add(coordinationEvent with { Sequence = Events.Count + 1, Timestamp = s_start.AddSeconds(Events.Count) });
            return this;
        }
    }
}
