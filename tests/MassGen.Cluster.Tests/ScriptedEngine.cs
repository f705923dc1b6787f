using System.Collections.Concurrent;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Teams;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Cluster.Tests;

/// <summary>
/// The engine of the test silos: the real orchestrator with one scripted agent per run (answer, vote, presentation
/// "Answer to TASK"), no latency. A task with a gate waits at every model call until its gate opens, so a test can hold
/// runs mid-way (on whichever silo they are) and know when each has got there.
/// </summary>
public sealed class ScriptedEngine : IRunEngine
{
    public static ScriptedEngine Instance { get; } = new();

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _starts = new(StringComparer.Ordinal);

    public const string Team = "team";

    public static string AnswerTo(string task) => $"Answer to {task}";

    /// <summary>How many times each run was started (more than once when its silo died under it).</summary>
    public int Starts(string runId) => _starts.GetValueOrDefault(runId);

    /// <summary>Holds the model calls of runs of these tasks until <see cref="Gate.Open"/>.</summary>
    public Gate Hold(IEnumerable<string> tasks)
    {
        var gate = new Gate(tasks.Count());
        foreach (var task in tasks)
        {
            _gates[task] = gate;
        }

        return gate;
    }

    public TeamRun Start(string team, string runId, CoordinationRequest request, CancellationToken cancellationToken)
    {
        if (team != Team)
        {
            throw new ArgumentException($"No team '{team}' on this node.", nameof(team));
        }

        _starts.AddOrUpdate(runId, 1, (_, n) => n + 1);
        IChatClient model = new ScriptedChatClient("solo", null, Script.Answer("Draft."), Script.VoteFor("agent1"), Script.Say(AnswerTo(request.Task)));
        if (_gates.TryGetValue(request.Task, out var gate))
        {
            model = new GatedChatClient(model, gate);
        }

        var orchestrator = new Orchestrator([new AgentDefinition("solo", model)]);
        return new TeamRun(runId, orchestrator.RunAsync(request, cancellationToken));
    }

    public string? LogFolder(string runId) => null;

    /// <summary>A barrier: model calls wait at it; <see cref="AllArrived"/> once each held run has reached it once.</summary>
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

    private sealed class GatedChatClient(IChatClient inner, Gate gate) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(cancellationToken);
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(cancellationToken);
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
    }
}
