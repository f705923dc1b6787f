namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>A benchmark as the eval runs it: its items, and a judge that scores one response without any model.</summary>
internal abstract class EvalBenchmark
{
    /// <summary>The name on the command line: <c>ifeval</c>, <c>gsm8k</c> or <c>choice</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The items in input order.</summary>
    public abstract IReadOnlyList<EvalItem> Items { get; }

    /// <summary>
    /// Whether answers can be compared for a plurality vote. IFEval's free-text answers cannot: picking a sample with the
    /// checker would use the gold instructions.
    /// </summary>
    public virtual bool SupportsVoting => true;

    public abstract Judgement Judge(int index, string response);

    /// <summary>Loads a benchmark's input file.</summary>
    /// <exception cref="EvaluationDataException">The name is unknown or the file is malformed.</exception>
    public static EvalBenchmark Load(string name, string path) => name switch
    {
        "gsm8k" => new Gsm8kBenchmark(Gsm8k.Gsm8kData.ReadItems(path)),
        "choice" => new ChoiceBenchmark(Choice.ChoiceData.ReadQuestions(path)),
        "ifeval" => new IfEvalBenchmark(IfEval.IfEvalData.ReadPrompts(path)),
        _ => throw new EvaluationDataException($"unknown benchmark '{name}'; expected ifeval, gsm8k or choice."),
    };
}
