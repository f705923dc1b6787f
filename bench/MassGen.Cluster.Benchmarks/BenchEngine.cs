using System.Collections.Concurrent;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Teams;
using MassGen.Testing.Scripting;

namespace MassGen.Cluster.Benchmarks;

/// <summary>
/// A fresh one-agent team of zero-latency scripted models per run (answer, vote, presentation). While
/// <see cref="Hold"/> is set, first model calls wait on it; <see cref="Started"/> counts starts per run.
/// </summary>
internal sealed class BenchEngine : IRunEngine
{
    public static BenchEngine Instance { get; } = new();

    public ConcurrentDictionary<string, int> Started { get; } = new(StringComparer.Ordinal);

    public Task? Hold { get; set; }

    public TeamRun Start(string team, string runId, CoordinationRequest request, CancellationToken cancellationToken)
    {
        Started.AddOrUpdate(runId, 1, (_, n) => n + 1);
        return Run(runId, request, Hold, cancellationToken);
    }

    public string? LogFolder(string runId) => null;

    // It writes no logs, so a run taken up elsewhere starts over (what the failover benchmark measures).
    public TeamRun? ResumeRun(string team, string runId, string logFolder, CoordinationControl control, CancellationToken cancellationToken) => null;

    public static TeamRun Run(string runId, CoordinationRequest request, Task? hold, CancellationToken cancellationToken)
    {
        var first = hold is { } barrier ? Script.Respond().WaitFor(barrier).NewAnswer("Four.") : Script.Answer("Four.");
        var model = new ScriptedChatClient("solo", null, first, Script.VoteFor("agent1"), Script.Say("Two plus two is four."));
        return new TeamRun(runId, new Orchestrator([new AgentDefinition("solo", model)], new OrchestratorOptions { Seed = 1 }).RunAsync(request, cancellationToken));
    }
}
