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
        Console.WriteLine($"fixed-delay agents (100 ms per model call; median of {DelayedRuns} runs per size, ordered by overhead)");
        Console.WriteLine("critical path = model time of the longest chain of calls that ran one after another (greedy earliest-end chain)");
        Console.WriteLine("agents | wall ms | critical path ms | over critical path ms (%) | ms per chained turn | no-call-running ms | turns | max threads | lock contentions | result | overhead of every run, ms");
        foreach (var agents in new[] { 3, 10, 50 })
        {
            var runs = new List<DelayedRun>();
            for (var i = 0; i < DelayedRuns; i++)
            {
                runs.Add(await RunDelayedAsync(agents).ConfigureAwait(false));
            }

            runs.Sort((a, b) => a.Over.CompareTo(b.Over));
            var m = runs[runs.Count / 2];
            var all = string.Join(" ", runs.Select(r => r.Over.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine($"{agents,6} | {m.Wall,7:0.0} | {m.Critical,16:0} | {m.Over,15:0.00} ({m.Over / m.Critical * 100,5:0.00} %) | {m.Over / m.Chain,19:0.00} | {m.NoCallRunning,18:0.00} | {m.Turns,5} | {m.MaxThreads,11} | {m.Contentions,16} | {m.Reason} | {all}");
        }
    }

    // One run of a fixed-delay coordination varies by a few milliseconds on a busy machine; the median of several is stable.
    private const int DelayedRuns = 7;

    private static async Task<DelayedRun> RunDelayedAsync(int agents)
    {
        var intervals = new ConcurrentQueue<(string Agent, long Start, long End)>();
        var contentionBefore = Monitor.LockContentionCount;
        var maxThreads = 0;
        using var sampler = new Timer(_ => maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount), null, 0, 5);
        var watch = Stopwatch.StartNew();
        var run = await Scenario.RunAsync(agents, TimeSpan.FromMilliseconds(100), intervals).ConfigureAwait(false);
        watch.Stop();
        var busy = UnionMilliseconds(intervals);
        var wall = watch.Elapsed.TotalMilliseconds;
        var (chain, critical) = LongestSequentialChain(intervals);
        var reason = ((RunFinished)run.Last).Result.TerminationReason;
        if (reason != TerminationReason.Consensus)
        {
            throw new InvalidOperationException("The benchmark coordination did not reach consensus.");
        }

        return new DelayedRun(wall, critical, wall - critical, chain, wall - busy, run.Turns, maxThreads, Monitor.LockContentionCount - contentionBefore, reason);
    }

    private sealed record DelayedRun(double Wall, double Critical, double Over, int Chain, double NoCallRunning, int Turns, int MaxThreads, long Contentions, TerminationReason Reason);

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
