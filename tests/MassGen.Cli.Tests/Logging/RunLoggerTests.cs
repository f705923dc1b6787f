using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Cli.Tests.Logging;

public sealed class RunLoggerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("massgen-log-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Write_EachEvent_IsOnDiskBeforeTheNextOneArrives()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        await using var _ = logger;
        var events = EventScript.Consensus().Events;

        for (var i = 0; i < 8; i++)
        {
            logger.Write(events[i]);

            // Read by another handle while the logger still holds the file open: a crash now would lose nothing.
            using var stream = new FileStream(Path.Combine(logger.Directory, RunLogger.EventsFile), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(i + 1, lines.Length);
        }
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Write_StatusJson_TracksAgentsAndIsNeverLeftHalfWritten()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start.AddSeconds(5)));
        await using var _ = logger;

        foreach (var coordinationEvent in EventScript.TieWithFailedAgent().Events.Take(9))
        {
            logger.Write(coordinationEvent);
        }

        await logger.FlushStatusAsync();
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(logger.Directory, RunLogger.StatusFile)))!;
        Assert.Equal("coordination", status["phase"]!.GetValue<string>());
        Assert.Equal("failed", status["agents"]!["gamma"]!["status"]!.GetValue<string>());
        Assert.Equal("answered", status["agents"]!["beta"]!["status"]!.GetValue<string>());
        Assert.Equal(2, status["revision"]!.GetValue<int>());
        Assert.Equal(5.0, status["elapsed_seconds"]!.GetValue<double>());
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.StatusFile + ".tmp")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Write_BurstOfStatusChangesWhileAWriteIsInFlight_WritesOnceMoreWithTheLastState()
    {
        var writes = new HeldStatusWrites();
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start.AddSeconds(5)), writes.ReplaceAsync);
        await using var _ = logger;
        var (started, burst) = FiftyAgentsAnswerAndVote();
        var statusPath = Path.Combine(logger.Directory, RunLogger.StatusFile);

        logger.Write(started);
        await writes.StartedAsync(0);
        foreach (var coordinationEvent in burst)
        {
            logger.Write(coordinationEvent);
        }

        writes.Release(0);
        await writes.StartedAsync(1);

        // The second write is held: the file on disk is the whole first document, the state right after the start.
        var onDisk = File.ReadAllText(statusPath);
        Assert.Equal(writes.Texts[0], onDisk);
        var first = JsonNode.Parse(onDisk)!;
        Assert.Equal(0, first["revision"]!.GetValue<int>());
        Assert.All(first["agents"]!.AsObject(), agent => Assert.Equal("waiting", agent.Value!["status"]!.GetValue<string>()));

        writes.ReleaseAll();
        await logger.FlushStatusAsync();

        // 151 status-changing events, two writes: the one in flight and one with everything that came meanwhile.
        Assert.Equal(2, writes.Texts.Count);
        var last = JsonNode.Parse(File.ReadAllText(statusPath))!;
        Assert.Equal(50, last["revision"]!.GetValue<int>());
        Assert.Equal(50, last["agents"]!.AsObject().Count);
        Assert.All(last["agents"]!.AsObject(), agent =>
        {
            Assert.Equal("voted", agent.Value!["status"]!.GetValue<string>());
            Assert.Equal("voted for agent1", agent.Value!["status_text"]!.GetValue<string>());
            Assert.Equal(2, agent.Value!["turn"]!.GetValue<int>());
            Assert.Equal(1, agent.Value!["answers"]!.GetValue<int>());
        });
        Assert.False(File.Exists(statusPath + ".tmp"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task DisposeAsync_StatusWriteInFlight_WaitsForIt()
    {
        var writes = new HeldStatusWrites();
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start), writes.ReplaceAsync);
        var (started, burst) = FiftyAgentsAnswerAndVote();
        logger.Write(started);
        await writes.StartedAsync(0);
        logger.Write(burst[0]);

        var disposing = logger.DisposeAsync().AsTask();

        Assert.False(disposing.IsCompleted);
        writes.ReleaseAll();
        await disposing;
        Assert.Equal(2, writes.Texts.Count);
        Assert.Equal(writes.Texts[^1], File.ReadAllText(Path.Combine(logger.Directory, RunLogger.StatusFile)));
        Assert.Equal(1, JsonNode.Parse(writes.Texts[^1])!["revision"]!.GetValue<int>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Write_AfterAStatusWriteFailed_ThrowsItsFailure()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start), (_, _) => Task.FromException(new IOException("disk full")));
        await using var _ = logger;
        var (started, burst) = FiftyAgentsAnswerAndVote();
        logger.Write(started);

        await Assert.ThrowsAsync<IOException>(logger.FlushStatusAsync);
        var failure = Assert.Throws<IOException>(() => logger.Write(burst[0]));
        Assert.Equal("disk full", failure.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteResultAsync_FinishedRun_StatusShowsTheResult()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start.AddSeconds(9)));
        await using var _ = logger;
        var script = EventScript.Consensus();
        foreach (var coordinationEvent in script.Events)
        {
            logger.Write(coordinationEvent);
        }

        var result = Assert.IsType<RunFinished>(script.Events[^1]).Result;
        await logger.WriteResultAsync(ResultDocument.Create(result, "run-1", logger.Directory, null, "q"), result.FinalAnswer);

        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(logger.Directory, RunLogger.StatusFile)))!;
        Assert.Equal("finished", status["phase"]!.GetValue<string>());
        Assert.Equal("consensus", status["termination_reason"]!.GetValue<string>());
        Assert.Equal("critic", status["winner_id"]!.GetValue<string>());
        Assert.Equal("presented", status["agents"]!["critic"]!["status"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task HoldWrites_UntilReleased_KeepsEventsInMemoryThenWritesThemInOrderAndLaterOnesAtOnce()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        await using var _ = logger;
        var events = EventScript.Consensus().Events;

        logger.HoldWrites(TimeSpan.FromSeconds(1));
        logger.Write(events[0]);
        logger.Write(events[1]);
        Assert.Empty(EventLines(logger));
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.StatusFile)));

        logger.ReleaseWrites();
        Assert.Equal(2, EventLines(logger).Length);
        logger.Write(events[2]);
        Assert.Equal(
            events.Take(3).Select(e => System.Text.Json.JsonSerializer.Serialize(e, RunLogJson.Compact)),
            EventLines(logger));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task HoldWrites_LimitPasses_WritesTheHeldEventsWithoutAnotherEvent()
    {
        var clock = new FakeTimeProvider(EventScript.Start);
        var logger = RunLogger.Create(_root, "run-1", clock);
        await using var _ = logger;
        var events = EventScript.Consensus().Events;

        logger.HoldWrites(TimeSpan.FromSeconds(1));
        logger.Write(events[0]);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(EventLines(logger));

        // The fake clock runs the timer's callback on this thread, before Advance returns.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(EventLines(logger));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task HoldWrites_ReleasedInTheBackground_EventsReachTheFileWithoutAnotherWrite()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        await using var _ = logger;
        var events = EventScript.Consensus().Events;

        logger.HoldWrites(TimeSpan.FromSeconds(1));
        logger.Write(events[0]);
        logger.Write(events[1]);
        logger.ReleaseWritesInBackground();

        // A thread-pool thread writes them; the test's timeout bounds the wait.
        while (EventLines(logger).Length < 2)
        {
            await Task.Delay(5);
        }

        Assert.Equal(2, EventLines(logger).Length);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task HoldWrites_RunEndsWhileHeld_ResultAndDisposalWriteEverything()
    {
        var script = EventScript.Consensus();
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        logger.HoldWrites(TimeSpan.FromSeconds(1));
        foreach (var coordinationEvent in script.Events)
        {
            logger.Write(coordinationEvent);
        }

        var finished = (RunFinished)script.Events[^1];
        await logger.WriteResultAsync(new JsonObject { ["winner_id"] = finished.Result.WinnerId }, finished.Result.FinalAnswer);
        Assert.Equal(script.Events.Count, EventLines(logger).Length);
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(logger.Directory, RunLogger.StatusFile)))!;
        Assert.Equal("finished", status["phase"]!.GetValue<string>());

        var second = RunLogger.Create(_root, "run-2", new FakeTimeProvider(EventScript.Start));
        second.HoldWrites(TimeSpan.FromSeconds(1));
        second.Write(script.Events[0]);
        await second.DisposeAsync();
        Assert.Single(EventLines(second));
        await logger.DisposeAsync();
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteDescription_NotHeld_BothFilesWrittenAtOnce()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        await using var _ = logger;

        logger.WriteDescription(() => new JsonObject { ["question"] = "Why?" }, () => "{ \"agents\": [] }");

        Assert.Equal("Why?", JsonNode.Parse(File.ReadAllText(Path.Combine(logger.Directory, RunLogger.RunInfoFile)))!["question"]!.GetValue<string>());
        Assert.Equal("{ \"agents\": [] }", File.ReadAllText(Path.Combine(logger.Directory, RunLogger.ConfigFile)));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteDescription_WhileHeld_ProducedAndWrittenOnlyWithTheHeldEvents()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        await using var _ = logger;
        var produced = 0;

        logger.HoldWrites(TimeSpan.FromSeconds(1));
        logger.WriteDescription(() => { produced++; return new JsonObject { ["question"] = "Why?" }; }, () => { produced++; return "{}"; });
        logger.Write(EventScript.Consensus().Events[0]);
        Assert.Equal(0, produced);
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.RunInfoFile)));
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.ConfigFile)));

        logger.ReleaseWrites();
        Assert.Equal(2, produced);
        Assert.True(File.Exists(Path.Combine(logger.Directory, RunLogger.RunInfoFile)));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(logger.Directory, RunLogger.ConfigFile)));
        Assert.Single(EventLines(logger));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task WriteDescription_DisposedWhileHeld_FilesWritten()
    {
        var logger = RunLogger.Create(_root, "run-1", new FakeTimeProvider(EventScript.Start));
        logger.HoldWrites(TimeSpan.FromSeconds(1));
        logger.WriteDescription(() => new JsonObject { ["question"] = "Why?" }, resolvedConfig: null);

        await logger.DisposeAsync();

        Assert.True(File.Exists(Path.Combine(logger.Directory, RunLogger.RunInfoFile)));
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.ConfigFile)));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ReadEvents_LoggedStream_DeserialisesEveryEventTyped()
    {
        var logger = RunLogger.Create(_root, "run-1", TimeProvider.System);
        var script = EventScript.Consensus();
        foreach (var coordinationEvent in script.Events)
        {
            logger.Write(coordinationEvent);
        }

        await logger.DisposeAsync();

        var read = MassGen.Cli.Commands.LogsCommand.ReadEvents(logger.Directory);
        Assert.Equal(script.Events.Select(e => e.GetType()), read.Select(e => e.GetType()));
        var finished = Assert.IsType<RunFinished>(read[^1]);
        Assert.Equal("critic", finished.Result.WinnerId);
        Assert.Equal(3, finished.Result.Votes.Count);
    }

    private static string[] EventLines(RunLogger logger)
    {
        using var stream = new FileStream(Path.Combine(logger.Directory, RunLogger.EventsFile), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    // Fifty agents start; then each answers, starts its voting turn and votes for agent1: 150 events in a burst.
    private static (CoordinationEvent Started, IReadOnlyList<CoordinationEvent> Burst) FiftyAgentsAnswerAndVote()
    {
        var agents = Enumerable.Range(1, 50).Select(i => new AgentLabel($"a{i}", $"agent{i}", "model")).ToArray();
        var script = new EventScript().Add(0, new RunStarted("q", 1, agents));
        foreach (var (agent, revision) in agents.Select((a, i) => (a, i + 1)))
        {
            script.Add(1, new AnswerAccepted(agent.AgentId, agent.Label, revision, 1, $"answer {revision}"));
        }

        foreach (var agent in agents)
        {
            script.Add(2, new TurnStarted(agent.AgentId, agent.Label, 2, agents.Length, TurnKind.Coordination, true));
        }

        foreach (var agent in agents)
        {
            script.Add(3, new VoteCounted(agent.AgentId, agent.Label, "a1", "agent1", "best", agents.Length));
        }

        return (script.Events[0], script.Events.Skip(1).ToList());
    }
}
