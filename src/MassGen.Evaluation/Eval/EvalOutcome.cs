namespace MassGen.Evaluation.Eval;

/// <summary>How an eval ended and where its report is.</summary>
/// <param name="Complete">Every planned unit finished.</param>
/// <param name="StopReason">Why it stopped early (cost cap, interruption), or null.</param>
/// <param name="ReportJson">The text of report.json.</param>
/// <param name="OutputDirectory">The folder with every output file.</param>
public sealed record EvalOutcome(bool Complete, string? StopReason, string ReportJson, string OutputDirectory);
