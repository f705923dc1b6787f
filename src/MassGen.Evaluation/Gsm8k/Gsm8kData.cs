namespace MassGen.Evaluation.Gsm8k;

/// <summary>Reads GSM8K test files (<c>{question, answer}</c> lines) and response files (<c>{question, response}</c>).</summary>
public static class Gsm8kData
{
    /// <summary>Reads the problems and their gold numbers.</summary>
    /// <exception cref="EvaluationDataException">The file is missing, a line is malformed or has no <c>####</c> number.</exception>
    public static IReadOnlyList<Gsm8kItem> ReadItems(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var items = new List<Gsm8kItem>();
        foreach (var (line, value) in JsonLines.Read(path))
        {
            var question = JsonLines.RequiredString(path, line, value, "question");
            var answer = JsonLines.RequiredString(path, line, value, "answer");
            var gold = Gsm8kAnswer.ParseGold(answer)
                ?? throw new EvaluationDataException($"{path}:{line}: the answer has no final number after \"####\" (or one too large to score).");
            items.Add(new Gsm8kItem(question, answer, gold));
        }

        return items;
    }

    /// <summary>Reads responses keyed by the exact question text (a later line replaces an earlier one).</summary>
    public static IReadOnlyDictionary<string, string> ReadResponses(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, value) in JsonLines.Read(path))
        {
            responses[JsonLines.RequiredString(path, line, value, "question")] = JsonLines.RequiredString(path, line, value, "response");
        }

        return responses;
    }
}
