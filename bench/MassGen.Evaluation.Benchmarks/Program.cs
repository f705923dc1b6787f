using System.Diagnostics;
using BenchmarkDotNet.Running;
using MassGen.Evaluation.Benchmarks;

// "eval-throughput [ITEMS] [CONCURRENCY]": a whole eval with zero-latency models (items/s, memory).
if (args is ["eval-throughput", ..])
{
    await EvalThroughput.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4);
    return;
}

// "cold" measures one process's first full scoring, model loading included; anything else runs BenchmarkDotNet.
if (args is ["cold"])
{
    var total = Stopwatch.StartNew();
    var data = IfEvalBenchmarkData.Load();
    var load = total.Elapsed;
    var first = Stopwatch.StartNew();
    var (strict, loose) = data.ScoreBoth();
    Console.WriteLine($"read data {load.TotalMilliseconds:0} ms; first strict+loose scoring (language profiles loading) {first.Elapsed.TotalMilliseconds:0} ms");
    // Processor time as well as wall time: on a shared machine the wall time mostly measures the wait for a core.
    for (var run = 2; run <= 4; run++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        data.ScoreBoth();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"run {run}: strict+loose with a fresh scorer {wall.Elapsed.TotalMilliseconds:0} ms wall, {used.TotalMilliseconds:0} ms processor");
    }

    Console.WriteLine($"prompt-level strict {strict}/541, loose {loose}/541");
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(IfEvalScoringBenchmarks).Assembly).Run(args);
