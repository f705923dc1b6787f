using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Cli.Recording;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Runs;

/// <summary>
/// A run's log folder read back for resuming: its events (a torn last line left out), the state rebuilt from them,
/// the configuration, question and session history it ran with, and its recording when it was recorded. This is the
/// resume entry point for any host (the <c>massgen resume</c> command, a server continuing a run elsewhere):
/// <see cref="Open"/> the folder, load the team from <see cref="Config"/>, then <see cref="Prepare"/> gives the
/// resumed coordination, whose events follow the ones in the folder.
/// </summary>
internal sealed class StoppedRun
{
    private StoppedRun(string directory, EventLogReader.Contents log, CoordinationCheckpoint checkpoint, JsonObject info)
    {
        Directory = directory;
        Log = log;
        Checkpoint = checkpoint;
        Info = info;
    }

    /// <summary>The run's log folder.</summary>
    public string Directory { get; }

    /// <summary>The run id: the folder's name.</summary>
    public string RunId => Path.GetFileName(Directory);

    /// <summary>The events in the folder and what was cut off their end.</summary>
    public EventLogReader.Contents Log { get; }

    /// <summary>The state rebuilt from the events.</summary>
    public CoordinationCheckpoint Checkpoint { get; }

    private JsonObject Info { get; }

    /// <summary>The configuration the run used, in the file schema with secrets masked (keys come from the environment).</summary>
    public JsonObject? Config => Info["config"] as JsonObject;

    /// <summary>The session the run belonged to, if any.</summary>
    public string? SessionId => Info["session_id"]?.GetValue<string>();

    /// <summary>The run's recording, when it was recorded and the file is still there.</summary>
    public string? RecordingPath => Info["recording"]?.GetValue<string>() is { } path && File.Exists(path) ? path : null;

    /// <summary>Reads a run's log folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="interruptedIsStopped">A log ending in an interrupted <c>run_finished</c> reads as stopped just before
    /// it: a cluster node that leaves stops its runs that way so that another node continues them.</param>
    /// <exception cref="InvalidDataException">The folder is not a resumable run's log; the message says why.</exception>
    public static StoppedRun Open(string directory, bool interruptedIsStopped = false)
    {
        var eventsPath = Path.Combine(directory, RunLogger.EventsFile);
        if (!File.Exists(eventsPath))
        {
            throw new InvalidDataException($"{directory} has no {RunLogger.EventsFile}: it is not a run's log folder (they are under .massgen/logs).");
        }

        var infoPath = Path.Combine(directory, RunLogger.RunInfoFile);
        var info = File.Exists(infoPath) ? JsonNode.Parse(File.ReadAllText(infoPath)) as JsonObject : null;
        if (info is null)
        {
            throw new InvalidDataException($"{directory} has no readable {RunLogger.RunInfoFile}, so the run's configuration and history are unknown.");
        }

        var log = EventLogReader.Read(eventsPath);
        if (interruptedIsStopped && log.Events is [.., RunFinished { Result.TerminationReason: TerminationReason.Interrupted }])
        {
            // The resumed run's events replace that last line (it is whole: the log ended after it).
            var bytes = File.ReadAllBytes(eventsPath);
            var lastLine = Array.LastIndexOf(bytes, (byte)'\n', (int)log.WholeLength - 2) + 1;
            log = log with { Events = log.Events.Take(log.Events.Count - 1).ToList(), WholeLength = lastLine };
        }

        return new StoppedRun(directory, log, CoordinationCheckpoint.FromEvents(log.Events), info);
    }

    /// <summary>The request the run answered: its task and the session history it was shown.</summary>
    public CoordinationRequest Request() => new(Checkpoint.Task)
    {
        History = [.. (Info["history"] as JsonArray ?? []).Select(t => new ConversationTurn(t!["user"]!.GetValue<string>(), t["assistant"]!.GetValue<string>()))],
    };

    /// <summary>
    /// The agents for the resumed run: with a recording, each answers the requests the stopped run had already seen
    /// answered from it and sends the rest to its real model; without one, the agents as they are.
    /// </summary>
    public static IReadOnlyList<AgentDefinition> ReplayFinishedCalls(IReadOnlyList<AgentDefinition> agents, RunRecording? recording) =>
        recording is null
            ? agents
            : [.. agents.Select(a => a with { ChatClient = new ResumingChatClient(a.ChatClient, recording.Calls.Where(c => c.AgentId == a.Id)) })];

    /// <summary>The resumed coordination of a team loaded from <see cref="Config"/>: run it and append its events to the log.</summary>
    public IAsyncEnumerable<CoordinationEvent> Prepare(IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, TimeProvider timeProvider, CoordinationRequest request, CancellationToken cancellationToken) =>
        new Orchestrator(agents, options with { Seed = Checkpoint.Seed }, timeProvider).ResumeAsync(request, Checkpoint, cancellationToken);
}
