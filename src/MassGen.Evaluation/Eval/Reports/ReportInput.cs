using MassGen.Evaluation.Eval.Benchmarks;

namespace MassGen.Evaluation.Eval.Reports;

/// <summary>Everything the report is computed from.</summary>
internal sealed record ReportInput(
    string Benchmark,
    IReadOnlyList<EvalItem> Items,
    ArmPlan Plan,
    IReadOnlyList<ItemRecord> Records,
    string? BestSingle,
    string? SelectOn,
    int? SelfConsistencyK,
    int UnitsPlanned,
    string? StopReason,
    decimal? MaxCostUsd,
    int BootstrapResamples,
    int BootstrapSeed);
