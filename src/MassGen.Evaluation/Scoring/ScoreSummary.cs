using System.Globalization;
using System.Text;
using MassGen.Evaluation.Choice;
using MassGen.Evaluation.Gsm8k;

namespace MassGen.Evaluation.Scoring;

/// <summary>Totals and per-item result lines of a GSM8K or multiple-choice scoring, for printing and writing.</summary>
internal sealed record ScoreSummary(string Benchmark, int Correct, int Total, int Unparseable, IReadOnlyList<string> ResultLines)
{
    public static ScoreSummary From(IReadOnlyList<Gsm8kOutcome> outcomes) => new(
        "gsm8k",
        outcomes.Count(o => o.Correct),
        outcomes.Count,
        outcomes.Count(o => o.Predicted is null),
        [.. outcomes.Select(o => Line(
            ("question", Json(o.Item.Question)),
            ("gold", Number(o.Item.Gold)),
            ("predicted", o.Predicted is { } p ? Number(p) : "null"),
            ("correct", o.Correct ? "true" : "false")))]);

    public static ScoreSummary From(IReadOnlyList<ChoiceOutcome> outcomes) => new(
        "choice",
        outcomes.Count(o => o.Correct),
        outcomes.Count,
        outcomes.Count(o => o.Unparseable),
        [.. outcomes.Select(o => Line(
            ("id", Json(o.Question.Id)),
            ("answer", o.Question.Answer.ToString(CultureInfo.InvariantCulture)),
            ("chosen", o.Chosen is { } c ? c.ToString(CultureInfo.InvariantCulture) : "null"),
            ("correct", o.Correct ? "true" : "false"),
            ("unparseable", o.Unparseable ? "true" : "false")))]);

    private static string Line(params (string Name, string Json)[] fields) =>
        "{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": {f.Json}")) + "}";

    private static string Json(string text)
    {
        var builder = new StringBuilder();
        PythonJson.AppendString(builder, text);
        return builder.ToString();
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
