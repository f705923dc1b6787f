using System.Collections.Concurrent;
using System.Text.Json;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Core.Teams;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Cluster.Tests;

/// <summary>
/// The engine of the test silos: the real orchestrator with one scripted agent per run (answer, vote, presentation
/// "Answer to TASK"), no latency, each run's events written to <c>events.jsonl</c> in its log folder (one folder for
/// all silos: they share this machine). A run's model is kept across its attempts, as a provider outlives the silos
/// that call it: it counts what it was sent, and a call made again after a resume would take the next step of the
/// script and spoil the answer. A task with a gate has its calls after the first (its vote, its presentation) wait
/// until the gate opens, so a test can hold runs with one model call finished (on whichever silo they are).
/// </summary>
public sealed class ScriptedEngine : IRunEngine
{
    public const string Team = "team";
    private const string EventsFile = "events.jsonl";

    public static ScriptedEngine Instance { get; } = new();

    // Events carry their type name, so any options read back what they wrote.
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "massgen-cluster-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gate> _endGates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CountingChatClient> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _resumes = new(StringComparer.Ordinal);

    public static string AnswerTo(string task) => $"Answer to {task}";

    /// <summary>How many times each run was started from its question (more than once when it was started over).</summary>
    public int Starts(string runId) => _starts.GetValueOrDefault(runId);

    /// <summary>How many times each run was resumed from its log folder.</summary>
    public int Resumes(string runId) => _resumes.GetValueOrDefault(runId);

    /// <summary>The requests the run's model was sent, and how many it answered, over all its attempts.</summary>
    public (int Sent, int Finished) Calls(string runId) => _models.TryGetValue(runId, out var model) ? (model.Sent, model.Finished) : (0, 0);

    /// <summary>Holds the model calls after the first of runs of these tasks until <see cref="Gate.Open"/>.</summary>
    public Gate Hold(IEnumerable<string> tasks)
    {
        var gate = new Gate(tasks.Count());
        foreach (var task in tasks)
        {
            _gates[task] = gate;
        }

        return gate;
    }

    /// <summary>
    /// Has the run of this task hand over its <c>run_finished</c> and then keep its event stream open until
    /// <see cref="Gate.Open"/>, as an engine does that closes its log after its last event.
    /// </summary>
    public Gate HoldEnd(string task) => _endGates[task] = new Gate(1);

    public TeamRun Start(string team, string runId, CoordinationRequest request, CancellationToken cancellationToken)
    {
        CheckTeam(team);
        _starts.AddOrUpdate(runId, 1, (_, n) => n + 1);
        var folder = Path.Combine(_logs, runId);
        Directory.CreateDirectory(folder);
        File.WriteAllText(EventsPath(folder), "");
        var orchestrator = new Orchestrator([new AgentDefinition("solo", Model(runId, request.Task))]);
        var events = LoggedAsync(folder, orchestrator.RunAsync(request, cancellationToken));
        return new TeamRun(runId, _endGates.TryGetValue(request.Task, out var end) ? HeldAtEndAsync(events, end) : events);
    }

    public TeamRun? ResumeRun(string team, string runId, string logFolder, CoordinationControl control, CancellationToken cancellationToken)
    {
        CheckTeam(team);
        var path = EventsPath(logFolder);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var earlier = lines.Select(l => JsonSerializer.Deserialize<CoordinationEvent>(l, s_json)!).ToList();
        if (earlier is [.., RunFinished { Result.TerminationReason: TerminationReason.Interrupted }])
        {
            // The silo that left stopped the run this way: it goes on from just before.
            earlier.RemoveAt(earlier.Count - 1);
            lines.RemoveAt(lines.Count - 1);
            File.WriteAllLines(path, lines);
        }
        else if (earlier is [.., RunFinished])
        {
            return new TeamRun(runId, ThenAsync(earlier, AsyncEnumerable.Empty<CoordinationEvent>()));
        }

        _resumes.AddOrUpdate(runId, 1, (_, n) => n + 1);
        var checkpoint = CoordinationCheckpoint.FromEvents(earlier);
        var orchestrator = new Orchestrator([new AgentDefinition("solo", Model(runId, checkpoint.Task))], new OrchestratorOptions { Seed = checkpoint.Seed });
        var resumed = orchestrator.ResumeAsync(new CoordinationRequest(checkpoint.Task) { Control = control }, checkpoint, cancellationToken);
        return new TeamRun(runId, ThenAsync(earlier, LoggedAsync(logFolder, resumed)));
    }

    public string? LogFolder(string runId) => Path.Combine(_logs, runId);

    /// <summary>Removes the runs' log folders.</summary>
    public void DeleteLogs()
    {
        if (Directory.Exists(_logs))
        {
            Directory.Delete(_logs, recursive: true);
        }
    }

    private static void CheckTeam(string team)
    {
        if (team != Team)
        {
            throw new ArgumentException($"No team '{team}' on this node.", nameof(team));
        }
    }

    private static string EventsPath(string folder) => Path.Combine(folder, EventsFile);

    private CountingChatClient Model(string runId, string task) =>
        _models.GetOrAdd(runId, _ =>
        {
            IChatClient model = new ScriptedChatClient("solo", null, Script.Answer("Draft."), Script.VoteFor("agent1"), Script.Say(AnswerTo(task)));
            return new CountingChatClient(_gates.TryGetValue(task, out var gate) ? new GatedChatClient(model, gate) : model);
        });

    private static async IAsyncEnumerable<CoordinationEvent> LoggedAsync(string folder, IAsyncEnumerable<CoordinationEvent> events)
    {
        await foreach (var coordinationEvent in events)
        {
            await File.AppendAllTextAsync(EventsPath(folder), JsonSerializer.Serialize(coordinationEvent, s_json) + "\n");
            yield return coordinationEvent;
        }
    }

    private static async IAsyncEnumerable<CoordinationEvent> HeldAtEndAsync(IAsyncEnumerable<CoordinationEvent> events, Gate end)
    {
        await foreach (var coordinationEvent in events)
        {
            yield return coordinationEvent;
            if (coordinationEvent is RunFinished)
            {
                await end.PassAsync(CancellationToken.None);
            }
        }
    }

    private static async IAsyncEnumerable<CoordinationEvent> ThenAsync(IEnumerable<CoordinationEvent> first, IAsyncEnumerable<CoordinationEvent> rest)
    {
        foreach (var coordinationEvent in first)
        {
            yield return coordinationEvent;
        }

        await foreach (var coordinationEvent in rest)
        {
            yield return coordinationEvent;
        }
    }

    /// <summary>A barrier: held model calls wait at it; <see cref="AllArrived"/> once each held run has reached it once.</summary>
    public sealed class Gate(int runs)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrivals;

        public Task AllArrived => _allArrived.Task;

        public void Open() => _open.TrySetResult();

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrivals) == runs)
            {
                _allArrived.TrySetResult();
            }

            await _open.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Lets a run's first call through and holds the others at the gate.</summary>
    private sealed class GatedChatClient(IChatClient inner, Gate gate) : DelegatingChatClient(inner)
    {
        private int _calls;

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await PassAsync(cancellationToken);
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await PassAsync(cancellationToken);
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }

        private Task PassAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? Task.CompletedTask : gate.PassAsync(cancellationToken);
    }

    /// <summary>Counts the requests sent to the model and those it answered in full.</summary>
    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _sent;
        private int _finished;

        public int Sent => Volatile.Read(ref _sent);

        public int Finished => Volatile.Read(ref _finished);

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sent);
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            Interlocked.Increment(ref _finished);
            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sent);
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            Interlocked.Increment(ref _finished);
        }
    }
}
