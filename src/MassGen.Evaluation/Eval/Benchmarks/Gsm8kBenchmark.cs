using System.Globalization;
using MassGen.Core.Prompts;
using MassGen.Evaluation.Gsm8k;

namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>GSM8K: items are numbered by input line (1-based); the extracted answer is the predicted number, normalised.</summary>
internal sealed class Gsm8kBenchmark : EvalBenchmark
{
    private readonly IReadOnlyList<Gsm8kItem> _items;

    public Gsm8kBenchmark(IReadOnlyList<Gsm8kItem> items)
    {
        _items = items;
        Items = [.. items.Select((item, i) => new EvalItem((i + 1).ToString(CultureInfo.InvariantCulture), EvaluationPrompts.MathProblem(item.Question)))];
    }

    public override string Name => "gsm8k";

    public override IReadOnlyList<EvalItem> Items { get; }

    public override Judgement Judge(int index, string response)
    {
        var predicted = Gsm8kAnswer.ExtractPredicted(response);

        // 18, 18.0 and 18.00 are one answer for the vote: trailing zeros go.
        return new Judgement(predicted == _items[index].Gold, predicted is { } p ? (p / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : null);
    }
}
