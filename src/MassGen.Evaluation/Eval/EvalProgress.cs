namespace MassGen.Evaluation.Eval;

/// <summary>A snapshot of a running eval for a progress display.</summary>
/// <param name="Finished">Item × arm × seed units finished (this run and earlier ones).</param>
/// <param name="Total">Units planned.</param>
/// <param name="SpentUsd">Known spend so far.</param>
/// <param name="Arms">Running figures per arm, in arm order.</param>
public sealed record EvalProgress(int Finished, int Total, decimal SpentUsd, IReadOnlyList<ArmProgress> Arms);

/// <summary>Running figures of one arm.</summary>
/// <param name="Arm">The arm's name.</param>
/// <param name="Scored">Units scored (errors excluded).</param>
/// <param name="Correct">Units right.</param>
/// <param name="Errors">Units that failed.</param>
public sealed record ArmProgress(string Arm, int Scored, int Correct, int Errors);
