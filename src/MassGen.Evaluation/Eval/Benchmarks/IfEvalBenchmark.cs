using System.Globalization;
using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>
/// IFEval: the prompt verbatim; a response is right when it follows every instruction (strict). Nothing is extracted,
/// so vote and self-consistency do not apply.
/// </summary>
internal sealed class IfEvalBenchmark : EvalBenchmark
{
    private readonly IReadOnlyList<IfEvalPrompt> _prompts;
    private readonly Lazy<IfEvalScorer> _scorer = new(() => new IfEvalScorer(), LazyThreadSafetyMode.ExecutionAndPublication);

    public IfEvalBenchmark(IReadOnlyList<IfEvalPrompt> prompts)
    {
        _prompts = prompts;
        Items = [.. prompts.Select(p => new EvalItem(p.Key.ToString(CultureInfo.InvariantCulture), p.Prompt))];
    }

    public override string Name => "ifeval";

    public override IReadOnlyList<EvalItem> Items { get; }

    public override bool SupportsVoting => false;

    public override Judgement Judge(int index, string response) =>
        new(_scorer.Value.Score(_prompts[index], response, IfEvalMode.Strict).FollowAllInstructions, null);
}
