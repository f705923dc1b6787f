using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;

namespace MassGen.Benchmarks;

/// <summary>Time and allocations of one whole coordination with zero-latency agents.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class CoordinationBenchmarks
{
    [Params(3, 10, 50)]
    public int Agents { get; set; }

    [Benchmark]
    public async Task<int> Coordination()
    {
        var result = await Scenario.RunAsync(Agents, TimeSpan.Zero, intervals: null);
        return result.Events;
    }
}

/// <summary>One benchmark coordination: N policy agents, full presentation, fixed seed.</summary>
internal static class Scenario
{
    public static async Task<(int Events, int Turns, CoordinationEvent Last)> RunAsync(int agents, TimeSpan delay, List<(long Start, long End)>? intervals)
    {
        var team = Enumerable.Range(1, agents).Select(i => new AgentDefinition($"bench-{i}", new PolicyChatClient($"bench-{i}", delay, intervals))).ToList();
        var orchestrator = new Orchestrator(team, new OrchestratorOptions { Seed = 7 });
        int events = 0, turns = 0;
        CoordinationEvent? last = null;
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("What is the answer?")))
        {
            events++;
            if (coordinationEvent is TurnStarted)
            {
                turns++;
            }

            last = coordinationEvent;
        }

        return (events, turns, last!);
    }
}
