using MassGen.Core.Prompts;
using MassGen.Evaluation.Choice;

namespace MassGen.Evaluation.Eval.Benchmarks;

/// <summary>Multiple choice: the prompt carries the story (MuSR) and the labelled options; the extracted answer is the letter.</summary>
internal sealed class ChoiceBenchmark : EvalBenchmark
{
    private readonly IReadOnlyList<ChoiceQuestion> _questions;

    public ChoiceBenchmark(IReadOnlyList<ChoiceQuestion> questions)
    {
        _questions = questions;
        Items = [.. questions.Select(q => new EvalItem(q.Id, EvaluationPrompts.MultipleChoice(q.Context, q.Question, q.Choices)))];
    }

    public override string Name => "choice";

    public override IReadOnlyList<EvalItem> Items { get; }

    public override Judgement Judge(int index, string response)
    {
        var question = _questions[index];
        var chosen = ChoiceAnswerExtractor.Extract(response, question.Choices);
        return new Judgement(chosen == question.Answer, chosen is { } c ? ((char)('A' + c)).ToString() : null);
    }
}
