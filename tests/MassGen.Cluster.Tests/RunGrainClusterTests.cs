using MassGen.Cluster.Grains;
using MassGen.Core.Events;
using MassGen.Core.Teams;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Cluster.Tests;

/// <summary>
/// Runs through a three-silo cluster backed by the real Redis server: spread over the silos, each answered, their state
/// in the store, and every run finishing with complete events when a silo leaves under it.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class RunGrainClusterTests(ClusterFixture fixture)
{
    private const int Timeout = TestTimeouts.Cluster;
    private const int Runs = 20;

    [RedisFact(Timeout = Timeout)]
    public async Task TwentyConcurrentRuns_SpreadOverTheSilos_EachAnswersItsOwnTask()
    {
        var team = Team();
        var tasks = Enumerable.Range(1, Runs).Select(i => $"spread question {i}?").ToList();

        var responses = await Task.WhenAll(tasks.Select(task => team.GetResponseAsync([new ChatMessage(ChatRole.User, task)])));

        for (var i = 0; i < Runs; i++)
        {
            Assert.Equal(ScriptedEngine.AnswerTo(tasks[i]), responses[i].Text);
        }

        var snapshots = await Task.WhenAll(responses.Select(r => Grain(r.ResponseId!).GetAsync()));
        Assert.All(snapshots, s => Assert.Equal(RunStatus.Finished, s.Status));
        Assert.All(snapshots, s => Assert.Equal(1, s.Attempts));
        var silos = snapshots.Select(s => s.Silo).Distinct().ToList();
        Assert.True(silos.Count > 1, $"all {Runs} runs ran on one silo ({silos[0]})");

        var listed = (await fixture.Cluster.GrainFactory.GetGrain<IRunIndexGrain>(0).ListAsync(1000)).Select(r => r.RunId).ToHashSet();
        Assert.All(responses, r => Assert.Contains(r.ResponseId!, listed));
    }

    [RedisFact(Timeout = Timeout)]
    public async Task EndedRun_ItsGrainCollected_ComesBackFromTheStoreWithItsLastEvent()
    {
        var team = Team();
        var response = await team.GetResponseAsync([new ChatMessage(ChatRole.User, "stored question?")]);
        var run = Grain(response.ResponseId!);

        await fixture.Cluster.DeactivateAsync(run);
        await fixture.Cluster.WaitForDeactivationAsync(run);
        var again = await run.GetAsync();
        var page = await run.WaitEventsAsync(0, 0, TimeSpan.Zero);

        Assert.Equal(RunStatus.Finished, again.Status);
        Assert.Equal("stored question?", again.Task);
        Assert.Equal("consensus", again.TerminationReason);
        Assert.Empty(page.Events);
        Assert.Contains("\"type\":\"run_finished\"", page.FinishedEvent, StringComparison.Ordinal);
        Assert.Contains(ScriptedEngine.AnswerTo("stored question?"), page.FinishedEvent, StringComparison.Ordinal);
    }

    [RedisFact(Timeout = Timeout)]
    public async Task UnknownTeam_TheRunFailsSayingWhy()
    {
        var run = Grain("unknown-team-" + Guid.NewGuid().ToString("N"));

        await run.StartAsync(new RunSpec("no-such-team", "question?", [], DateTimeOffset.UnixEpoch));
        var page = await run.WaitEventsAsync(0, 0, TimeSpan.FromSeconds(10));
        while (page.Status == RunStatus.Running)
        {
            page = await run.WaitEventsAsync(page.Attempt, page.From + page.Events.Length, TimeSpan.FromSeconds(10));
        }

        var snapshot = await run.GetAsync();
        Assert.Equal(RunStatus.Failed, snapshot.Status);
        Assert.Contains("No team 'no-such-team'", snapshot.Error, StringComparison.Ordinal);
    }

    [RedisFact(Timeout = Timeout)]
    public async Task SiloStoppedMidRun_ItsRunsAreTakenUpElsewhere_AndEveryRunEndsWithCompleteEvents()
    {
        var team = Team();
        var tasks = Enumerable.Range(1, Runs).Select(i => $"failover question {i}?").ToList();
        var gate = ScriptedEngine.Instance.Hold(tasks);
        var watched = tasks.Select(task => WatchAsync(team, task)).ToList();
        await gate.AllArrived.WaitAsync(TimeSpan.FromMilliseconds(TestTimeouts.Process));

        // Every run is under way, its answer given and its vote call held: stop a silo (not the primary) that has some.
        var runIds = await Task.WhenAll(watched.Select(w => w.RunId.Task));
        var before = await Task.WhenAll(runIds.Select(id => Grain(id).GetAsync()));
        var victim = fixture.Cluster.SecondarySilos
            .Select(silo => (Silo: silo, Runs: before.Where(s => s.Silo == silo.SiloAddress.ToString()).Select(s => s.RunId).ToList()))
            .OrderByDescending(v => v.Runs.Count)
            .First();
        Assert.NotEmpty(victim.Runs);
        await fixture.Cluster.StopSiloAsync(victim.Silo);
        gate.Open();

        var results = await Task.WhenAll(watched.Select(w => w.Done));
        await fixture.Cluster.StartAdditionalSiloAsync();

        for (var i = 0; i < Runs; i++)
        {
            var (text, events) = results[i];
            Assert.Equal(ScriptedEngine.AnswerTo(tasks[i]), text);
            // The events of the attempt that finished are whole: from run_started to run_finished, once each.
            var lastAttempt = events.Skip(events.FindLastIndex(e => e is RunStarted)).ToList();
            Assert.IsType<RunStarted>(lastAttempt[0]);
            Assert.IsType<RunFinished>(lastAttempt[^1]);
            Assert.Single(lastAttempt, e => e is RunFinished);
            Assert.Single(lastAttempt, e => e is AnswerAccepted);
            Assert.Contains(lastAttempt, e => e is VoteCounted);
            Assert.Equal(victim.Runs.Contains(runIds[i]), lastAttempt.Any(e => e is RunResumed));
        }

        var after = await Task.WhenAll(runIds.Select(id => Grain(id).GetAsync()));
        Assert.All(after, s => Assert.Equal(RunStatus.Finished, s.Status));
        foreach (var moved in after.Where(s => victim.Runs.Contains(s.RunId)))
        {
            Assert.Equal(2, moved.Attempts);
            Assert.NotEqual(victim.Silo.SiloAddress.ToString(), moved.Silo);
            Assert.Equal(RunTakeUp.Resumed, moved.TakeUp);
            Assert.Equal(1, ScriptedEngine.Instance.Starts(moved.RunId));
            Assert.Equal(1, ScriptedEngine.Instance.Resumes(moved.RunId));
            // Answer, vote and presentation answered once each; the one call sent again is the vote the stop cut off.
            Assert.Equal((Sent: 4, Finished: 3), ScriptedEngine.Instance.Calls(moved.RunId));
        }

        Assert.All(after.Where(s => !victim.Runs.Contains(s.RunId)), s => Assert.Equal(1, s.Attempts));
        Assert.All(after.Where(s => !victim.Runs.Contains(s.RunId)), s => Assert.Equal((Sent: 3, Finished: 3), ScriptedEngine.Instance.Calls(s.RunId)));
    }

    [RedisFact(Timeout = Timeout)]
    public async Task RunFinishedHandedOver_TheEngineStreamStillOpen_NoPageHoldsItUntilTheRunHasEnded_AndTheWatcherGetsItOnce()
    {
        const string task = "slow to close question?";
        var end = ScriptedEngine.Instance.HoldEnd(task);
        var watched = WatchAsync(Team(), task);
        await end.AllArrived.WaitAsync(TimeSpan.FromMilliseconds(TestTimeouts.Process));

        // The engine has handed run_finished over and holds its stream open. The grain's read of that event was queued on
        // its scheduler before this call, so it has run; the run has not ended yet, so no page may show the event: a
        // watcher that took it here would ask again, find the run ended with nothing new, and take it again from the store.
        var run = Grain(await watched.RunId.Task);
        var page = await run.WaitEventsAsync(0, 0, TimeSpan.Zero);
        Assert.Equal(RunStatus.Running, page.Status);
        Assert.DoesNotContain(page.Events, json => json.Contains("\"type\":\"run_finished\"", StringComparison.Ordinal));
        end.Open();

        var (text, events) = await watched.Done;
        Assert.Equal(ScriptedEngine.AnswerTo(task), text);
        Assert.Single(events, e => e is RunFinished);
        Assert.IsType<RunFinished>(events[^1]);
        Assert.Contains("\"type\":\"run_finished\"", (await run.WaitEventsAsync(0, 0, TimeSpan.Zero)).Events[^1], StringComparison.Ordinal);
    }

    [RedisFact(Timeout = Timeout)]
    public async Task EvalJob_FansItsItemsOutToRunGrains_AndRecordsEachAnswerInOrder()
    {
        var items = Enumerable.Range(1, 8).Select(i => $"eval item {i}?").ToArray();
        var job = fixture.Cluster.GrainFactory.GetGrain<IEvalJobGrain>("job-" + Guid.NewGuid().ToString("N"));

        var progress = await job.StartAsync(new EvalJobSpec(ScriptedEngine.Team, items, MaxInFlight: 3, DateTimeOffset.UnixEpoch));
        Assert.Equal(3, progress.Items.Count(i => i.Status == RunStatus.Running));
        while (!progress.Done)
        {
            await Task.Delay(50);
            progress = await job.GetAsync();
        }

        await fixture.Cluster.DeactivateAsync(job);
        await fixture.Cluster.WaitForDeactivationAsync(job);
        var stored = await job.GetAsync();

        Assert.True(stored.Done);
        Assert.Equal(items.Select(ScriptedEngine.AnswerTo), stored.Items.Select(i => i.Answer));
        Assert.All(stored.Items, i => Assert.Equal(RunStatus.Finished, i.Status));
        var runs = await Task.WhenAll(stored.Items.Select(i => Grain(i.RunId).GetAsync()));
        Assert.Equal(items, runs.Select(r => r.Task));
    }

    private TeamChatClient Team() =>
        ClusterTeams.Create(fixture.Cluster.GrainFactory, ScriptedEngine.Team, () => "test-" + Guid.NewGuid().ToString("N"), TimeProvider.System);

    private IRunGrain Grain(string runId) => fixture.Cluster.GrainFactory.GetGrain<IRunGrain>(runId);

    /// <summary>A streamed run: its id as soon as it has one, then its text and every event it streamed.</summary>
    private static Watched WatchAsync(TeamChatClient team, string task)
    {
        var runId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ChatOptions { AdditionalProperties = new() { [TeamChatOptions.IncludeEvents] = true } };
        async Task<(string, List<CoordinationEvent>)> Read()
        {
            var events = new List<CoordinationEvent>();
            var text = new System.Text.StringBuilder();
            await foreach (var update in team.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, task)], options))
            {
                runId.TrySetResult(update.ResponseId!);
                text.Append(update.Text);
                if (update.RawRepresentation is CoordinationEvent e)
                {
                    events.Add(e);
                }
            }

            return (text.ToString(), events);
        }

        return new Watched(runId, Read());
    }

    private sealed record Watched(TaskCompletionSource<string> RunId, Task<(string Text, List<CoordinationEvent> Events)> Done);
}
