using System.Globalization;
using System.Text.Json;

namespace MassGen.Evaluation.Choice;

/// <summary>
/// Reads multiple-choice questions, either a MuSR file (a JSON array of stories with <c>questions</c>) or JSON
/// lines <c>{id, question, choices, answer}</c>, and response files of <c>{id, response}</c> lines.
/// </summary>
public static class ChoiceData
{
    /// <summary>The fewest options a question may have.</summary>
    public const int MinChoices = 2;

    /// <summary>The most options a question may have (A to J).</summary>
    public const int MaxChoices = 10;

    /// <summary>Reads the questions.</summary>
    /// <exception cref="EvaluationDataException">The file is missing or malformed.</exception>
    public static IReadOnlyList<ChoiceQuestion> ReadQuestions(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonLines.CheckFile(path);
        var first = File.ReadLines(path).Select(l => l.TrimStart()).FirstOrDefault(l => l.Length > 0);
        return first is not null && first.StartsWith('[') ? ReadMusr(path) : ReadLines(path);
    }

    /// <summary>Reads responses keyed by id (a string or a number); a later line replaces an earlier one.</summary>
    public static IReadOnlyDictionary<string, string> ReadResponses(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, value) in JsonLines.Read(path))
        {
            responses[IdOf(path, line, value)] = JsonLines.RequiredString(path, line, value, "response");
        }

        return responses;
    }

    private static List<ChoiceQuestion> ReadMusr(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (ArgumentException e)
        {
            // A file of invalid UTF-8 bytes.
            throw new EvaluationDataException($"{path}: not valid UTF-8 JSON ({e.Message}).", e);
        }
        catch (JsonException e)
        {
            throw new EvaluationDataException($"{path}: not valid JSON ({e.Message}).", e);
        }

        JsonLines.CheckText(root, path);
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new EvaluationDataException($"{path}: expected a JSON array of stories (MuSR format).");
        }

        var questions = new List<ChoiceQuestion>();
        var story = 0;
        foreach (var entry in root.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("questions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new EvaluationDataException($"{path}: story {story} has no \"questions\" list (MuSR format expected).");
            }

            var context = entry.TryGetProperty("context", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            var index = 0;
            foreach (var question in list.EnumerateArray())
            {
                questions.Add(Parse(string.Create(CultureInfo.InvariantCulture, $"{story}.{index}"), question, $"{path}: story {story}, question {index}") with { Context = context });
                index++;
            }

            story++;
        }

        return questions;
    }

    private static List<ChoiceQuestion> ReadLines(string path) =>
        [.. JsonLines.Read(path).Select(p => Parse(IdOf(path, p.Line, p.Value), p.Value, $"{path}:{p.Line}"))];

    private static ChoiceQuestion Parse(string id, JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("question", out var question) || question.ValueKind != JsonValueKind.String)
        {
            throw new EvaluationDataException($"{where}: \"question\" must be a string.");
        }

        if (!value.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array
            || choices.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String)
            || choices.GetArrayLength() is < MinChoices or > MaxChoices)
        {
            throw new EvaluationDataException($"{where}: \"choices\" must be a list of {MinChoices} to {MaxChoices} strings.");
        }

        if (!value.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.Number || !answer.TryGetInt32(out var index)
            || index < 0 || index >= choices.GetArrayLength())
        {
            throw new EvaluationDataException(
                $"{where}: \"answer\" must be the 0-based index of the right choice (0 to {choices.GetArrayLength() - 1}).");
        }

        return new ChoiceQuestion(id, question.GetString()!, [.. choices.EnumerateArray().Select(c => c.GetString()!)], index)
        {
            Context = value.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.String ? context.GetString() : null,
        };
    }

    private static string IdOf(string path, int line, JsonElement value) =>
        value.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()
            : throw new EvaluationDataException($"{path}:{line}: the field \"id\" must be a string or a number.");
}
