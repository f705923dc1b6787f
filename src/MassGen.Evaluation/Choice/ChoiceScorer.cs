namespace MassGen.Evaluation.Choice;

/// <summary>The verdict on one multiple-choice response.</summary>
/// <param name="Question">The question.</param>
/// <param name="Response">The response as given.</param>
/// <param name="Chosen">The 0-based index of the chosen option, or null when unparseable (counted wrong).</param>
public sealed record ChoiceOutcome(ChoiceQuestion Question, string Response, int? Chosen)
{
    /// <summary>Whether the chosen option is the right one.</summary>
    public bool Correct => Chosen == Question.Answer;

    /// <summary>Whether no option could be read from the response.</summary>
    public bool Unparseable => Chosen is null;
}

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
