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
