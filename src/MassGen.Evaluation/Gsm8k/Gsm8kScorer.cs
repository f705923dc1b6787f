namespace MassGen.Evaluation.Gsm8k;

/// <summary>Scores GSM8K responses by exact numeric match with the gold number.</summary>
public static class Gsm8kScorer
{
    /// <summary>Scores every item in input order; a missing response is an error listing every missing question.</summary>
    /// <exception cref="EvaluationDataException">Some items have no response.</exception>
    public static IReadOnlyList<Gsm8kOutcome> Score(IReadOnlyList<Gsm8kItem> items, IReadOnlyDictionary<string, string> responses)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(responses);
        var missing = items.Select((item, index) => (item, index)).Where(p => !responses.ContainsKey(p.item.Question)).ToList();
        if (missing.Count > 0)
        {
            var lines = string.Join(", ", missing.Select(p => p.index + 1));
            throw new EvaluationDataException(
                $"Missing responses for {missing.Count} question(s), joined by exact question text: input item(s) [{lines}] (1-based, in input order); "
                + $"the first is \"{Shorten(missing[0].item.Question)}\".");
        }

        return [.. items.Select(item => new Gsm8kOutcome(item, responses[item.Question], Gsm8kAnswer.ExtractPredicted(responses[item.Question])))];
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
