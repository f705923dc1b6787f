using System.Text.Json;
using MassGen.Cli.Logging;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Tests.Logging;

/// <summary>Reading events.jsonl back: a last line cut short by a kill is left out and reported; damage elsewhere is named.</summary>
public sealed class EventLogReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("massgen-events-").FullName;

    private string Path => System.IO.Path.Combine(_folder, "events.jsonl");

    [Fact]
    public void Read_LastLineCutShort_ReturnsTheWholeLinesAndTheTornTail()
    {
        var whole = Lines(new RunStarted("q", 3, [new AgentLabel("a", "agent1", null)]) { Sequence = 1 }, new AnswerAccepted("a", "agent1", 1, 1, "Four.") { Sequence = 2 });
        File.WriteAllText(Path, whole + "{\"type\":\"vote_counted\",\"voter_id\":\"a");

        var log = EventLogReader.Read(Path);

        Assert.Equal([typeof(RunStarted), typeof(AnswerAccepted)], log.Events.Select(e => e.GetType()));
        Assert.Equal("{\"type\":\"vote_counted\",\"voter_id\":\"a", log.TornTail);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(whole), log.WholeLength);
    }

    [Fact]
    public void Read_LastEventWithoutItsNewline_CountsAsTorn()
    {
        var whole = Lines(new RunStarted("q", 3, []) { Sequence = 1 });
        var unfinished = JsonSerializer.Serialize<CoordinationEvent>(new WrapUpStarted(TimeSpan.FromSeconds(1), "time") { Sequence = 2 }, RunLogJson.Compact);
        File.WriteAllText(Path, whole + unfinished);

        var log = EventLogReader.Read(Path);

        Assert.Single(log.Events);
        Assert.Equal(unfinished, log.TornTail);
    }

    [Fact]
    public void Read_DamagedLineBeforeTheLast_IsAnErrorNamingTheLine()
    {
        File.WriteAllText(Path, Lines(new RunStarted("q", 3, []) { Sequence = 1 }) + "{not json\n" + Lines(new WrapUpStarted(TimeSpan.Zero, "t") { Sequence = 2 }));

        var error = Assert.Throws<InvalidDataException>(() => EventLogReader.Read(Path));

        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void CutTo_TornLog_LeavesTheWholeLinesForTheNextEvent()
    {
        var whole = Lines(new RunStarted("q", 3, []) { Sequence = 1 });
        File.WriteAllText(Path, whole + "{\"type\":\"turn");

        RunLogger.CutTo(_folder, EventLogReader.Read(Path).WholeLength);

        Assert.Equal(whole, File.ReadAllText(Path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Lines(params CoordinationEvent[] events) =>
        string.Concat(events.Select(e => JsonSerializer.Serialize(e, RunLogJson.Compact) + "\n"));
}
