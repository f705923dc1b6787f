namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>The verdict on one response: right or wrong, and the answer read from it (null when none could be read).</summary>
internal readonly record struct Judgement(bool Correct, string? Extracted);
