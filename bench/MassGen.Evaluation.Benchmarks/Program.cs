using System.Diagnostics;
using BenchmarkDotNet.Running;
using MassGen.Evaluation.Benchmarks;

// "cold" measures one process's first full scoring, model loading included; anything else runs BenchmarkDotNet.
if (args is ["cold"])
{
    var total = Stopwatch.StartNew();
    var data = IfEvalBenchmarkData.Load();
    var load = total.Elapsed;
    var first = Stopwatch.StartNew();
    var (strict, loose) = data.ScoreBoth();
    Console.WriteLine($"read data {load.TotalMilliseconds:0} ms; first strict+loose scoring (language models loading) {first.Elapsed.TotalMilliseconds:0} ms");
    var second = Stopwatch.StartNew();
    data.ScoreBoth();
    Console.WriteLine($"second strict+loose scoring with a fresh scorer {second.Elapsed.TotalMilliseconds:0} ms; prompt-level strict {strict}, loose {loose}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(IfEvalScoringBenchmarks).Assembly).Run(args);
