namespace MassGen.Evaluation.Choice;

/// <summary>One multiple-choice question with 2 to 10 options.</summary>
/// <param name="Id">The id responses are joined by (for MuSR files, "STORY.QUESTION", 0-based).</param>
/// <param name="Question">The question text.</param>
/// <param name="Choices">The options, labelled A, B, C… in order.</param>
/// <param name="Answer">The 0-based index of the right option.</param>
public sealed record ChoiceQuestion(string Id, string Question, IReadOnlyList<string> Choices, int Answer)
{
    /// <summary>The text the question is about (a MuSR story's <c>context</c>), when the input has one.</summary>
    public string? Context { get; init; }
}
