namespace MassGen.Evaluation.Choice;

/// <summary>Scores multiple-choice responses.</summary>
public static class ChoiceScorer
{
    /// <summary>Scores every question in input order.</summary>
    /// <exception cref="EvaluationDataException">Some questions have no response; the message lists their ids.</exception>
    public static IReadOnlyList<ChoiceOutcome> Score(IReadOnlyList<ChoiceQuestion> questions, IReadOnlyDictionary<string, string> responses)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(responses);
        var missing = questions.Where(q => !responses.ContainsKey(q.Id)).Select(q => q.Id).ToList();
        if (missing.Count > 0)
        {
            throw new EvaluationDataException($"Missing responses for question ids: [{string.Join(", ", missing)}].");
        }

        return [.. questions.Select(q => new ChoiceOutcome(q, responses[q.Id], ChoiceAnswerExtractor.Extract(responses[q.Id], q.Choices)))];
    }
}
