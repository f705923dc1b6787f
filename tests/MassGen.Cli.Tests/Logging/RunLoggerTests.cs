using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Events;
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

        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(logger.Directory, RunLogger.StatusFile)))!;
        Assert.Equal("coordination", status["phase"]!.GetValue<string>());
        Assert.Equal("failed", status["agents"]!["gamma"]!["status"]!.GetValue<string>());
        Assert.Equal("answered", status["agents"]!["beta"]!["status"]!.GetValue<string>());
        Assert.Equal(2, status["revision"]!.GetValue<int>());
        Assert.Equal(5.0, status["elapsed_seconds"]!.GetValue<double>());
        Assert.False(File.Exists(Path.Combine(logger.Directory, RunLogger.StatusFile + ".tmp")));
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
}
