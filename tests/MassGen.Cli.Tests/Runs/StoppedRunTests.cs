using System.Text.Json;
using MassGen.Cli.Logging;
using MassGen.Cli.Runs;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Tests.Runs;

/// <summary>
/// A log that a cluster node stopped gracefully ends in an interrupted <c>run_finished</c>: the node taking the run up
/// reads it as stopped just before that line; <c>massgen resume</c> still sees it as finished.
/// </summary>
public sealed class StoppedRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("massgen-stopped-").FullName;

    [Theory]
    [InlineData(TerminationReason.Interrupted, true, false)]
    [InlineData(TerminationReason.Interrupted, false, true)]
    [InlineData(TerminationReason.Consensus, true, true)]
    public void Open_LogEndingInRunFinished_IsFinishedUnlessAnInterruptionIsTakenAsAStop(TerminationReason reason, bool interruptedIsStopped, bool finished)
    {
        var before = Lines(new RunStarted("q?", 3, [new AgentLabel("a", "agent1", null)]) { Sequence = 1 }, new AnswerAccepted("a", "agent1", 1, 1, "Four.") { Sequence = 2 });
        var end = Lines(new RunFinished(new CoordinationResult { TerminationReason = reason, FinalAnswer = "Four.", WinnerId = "a" }) { Sequence = 3 });
        File.WriteAllText(Path.Combine(_folder, RunLogger.EventsFile), before + end);
        File.WriteAllText(Path.Combine(_folder, RunLogger.RunInfoFile), "{\"history\":[]}");

        var stopped = StoppedRun.Open(_folder, interruptedIsStopped);

        Assert.Equal(finished, stopped.Checkpoint.IsFinished);
        Assert.Equal(finished ? 3 : 2, stopped.Log.Events.Count);
        // The resumed run's events replace the dropped line, not follow it.
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(finished ? before + end : before), stopped.Log.WholeLength);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Lines(params CoordinationEvent[] events) =>
        string.Concat(events.Select(e => JsonSerializer.Serialize(e, RunLogJson.Compact) + "\n"));
}
