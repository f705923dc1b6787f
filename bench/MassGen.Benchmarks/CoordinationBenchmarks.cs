using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;

namespace MassGen.Benchmarks;

/// <summary>Time and allocations of one whole coordination with zero-latency agents.</summary>
// In-process: generating and building a separate benchmark project is too slow on a shared 2-core machine.
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
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

/// <summary>One in-process job with few iterations.</summary>
internal sealed class InProcessShortConfig : ManualConfig
{
    public InProcessShortConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
}

/// <summary>One benchmark coordination: N policy agents, full presentation, fixed seed.</summary>
internal static class Scenario
{
    public static async Task<(int Events, int Turns, CoordinationEvent Last)> RunAsync(int agents, TimeSpan delay, ConcurrentQueue<(string Agent, long Start, long End)>? intervals)
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
