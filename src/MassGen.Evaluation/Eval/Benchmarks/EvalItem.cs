namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>One benchmark item as every arm sees it: a stable id and the exact prompt sent to the models.</summary>
/// <param name="Id">The item's id (the GSM8K line number, the choice id, the IFEval key).</param>
/// <param name="Prompt">The prompt, the same for every arm.</param>
internal sealed record EvalItem(string Id, string Prompt);
