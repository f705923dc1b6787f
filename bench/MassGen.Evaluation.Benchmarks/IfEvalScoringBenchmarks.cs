using BenchmarkDotNet.Attributes;

namespace MassGen.Evaluation.Benchmarks;

/// <summary>
/// Scoring all 541 IFEval GPT-4 responses, strict and loose, after start-up (the language profiles are loaded
/// in the global setup). Each invocation uses a fresh scorer, so no language result is reused across runs.
/// </summary>
[MemoryDiagnoser]
public class IfEvalScoringBenchmarks
{
    private IfEvalBenchmarkData _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = IfEvalBenchmarkData.Load();
        _data.ScoreBoth();
    }

    [Benchmark]
    public (int, int) ScoreAll541StrictAndLoose() => _data.ScoreBoth();
}
