using System.Collections.Concurrent;
using System.Diagnostics;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Benchmarks;

/// <summary>
/// A plain Stopwatch harness: per-coordination, per-event and per-turn cost with zero-latency agents, and with
/// fixed-delay agents the wall time against the time during which at least one model call was running (what is
/// left is orchestrator time on the critical path). Also reports threads and lock contention.
/// </summary>
internal static class CriticalPathHarness
{
    public static async Task RunAsync()
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}");
        Console.WriteLine("zero-latency agents (mean of the runs after warm-up)");
        Console.WriteLine("agents | runs | ms/coordination | KB allocated/coordination | events | turns | µs/event | µs/turn");
        foreach (var agents in new[] { 3, 10, 50 })
        {
            var runs = agents == 50 ? 10 : 50;
            await Scenario.RunAsync(agents, TimeSpan.Zero, null);
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            (int Events, int Turns, CoordinationEvent Last) last = default;
            for (var i = 0; i < runs; i++)
            {
                last = await Scenario.RunAsync(agents, TimeSpan.Zero, null);
            }

            watch.Stop();
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;
            var ms = watch.Elapsed.TotalMilliseconds / runs;
            Console.WriteLine($"{agents,6} | {runs,4} | {ms,15:0.00} | {allocated / 1024.0,25:0} | {last.Events,6} | {last.Turns,5} | {ms * 1000 / last.Events,8:0.0} | {ms * 1000 / last.Turns,7:0.0}");
        }

        Console.WriteLine();
        Console.WriteLine("fixed-delay agents (100 ms per model call)");
        Console.WriteLine("critical path = model time of the longest chain of calls that ran one after another (greedy earliest-end chain)");
        Console.WriteLine("agents | wall ms | critical path ms | over critical path ms (%) | ms per chained turn | no-call-running ms | turns | max threads | lock contentions | result");
        foreach (var agents in new[] { 3, 10, 50 })
        {
            var intervals = new ConcurrentQueue<(string Agent, long Start, long End)>();
            var contentionBefore = Monitor.LockContentionCount;
            var maxThreads = 0;
            using var sampler = new Timer(_ => maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount), null, 0, 5);
            var watch = Stopwatch.StartNew();
            var run = await Scenario.RunAsync(agents, TimeSpan.FromMilliseconds(100), intervals);
            watch.Stop();
            var busy = UnionMilliseconds(intervals);
            var wall = watch.Elapsed.TotalMilliseconds;
            var (chain, critical) = LongestSequentialChain(intervals);
            var reason = ((RunFinished)run.Last).Result.TerminationReason;
            Console.WriteLine($"{agents,6} | {wall,7:0.0} | {critical,16:0} | {wall - critical,15:0.00} ({(wall - critical) / critical * 100,5:0.00} %) | {(wall - critical) / chain,19:0.00} | {wall - busy,18:0.00} | {run.Turns,5} | {maxThreads,11} | {Monitor.LockContentionCount - contentionBefore,16} | {reason}");
            if (reason != TerminationReason.Consensus)
            {
                throw new InvalidOperationException("The benchmark coordination did not reach consensus.");
            }
        }
    }

    /// <summary>The most calls that ran strictly one after another, and their summed duration in milliseconds.</summary>
    private static (int Calls, double Milliseconds) LongestSequentialChain(ConcurrentQueue<(string Agent, long Start, long End)> intervals)
    {
        var calls = 0;
        long lastEnd = long.MinValue, total = 0;
        foreach (var (_, start, end) in intervals.OrderBy(i => i.End))
        {
            if (start >= lastEnd)
            {
                calls++;
                total += end - start;
                lastEnd = end;
            }
        }

        return (calls, total * 1000.0 / Stopwatch.Frequency);
    }

    private static double UnionMilliseconds(ConcurrentQueue<(string Agent, long Start, long End)> intervals)
    {
        long total = 0, currentStart = -1, currentEnd = -1;
        foreach (var (_, start, end) in intervals.OrderBy(i => i.Start))
        {
            if (start > currentEnd)
            {
                total += currentEnd - currentStart;
                (currentStart, currentEnd) = (start, end);
            }
            else
            {
                currentEnd = Math.Max(currentEnd, end);
            }
        }

        total += currentEnd - currentStart;
        return total * 1000.0 / Stopwatch.Frequency;
    }
}
