namespace MassGen.Evaluation.IfEval;

/// <summary>The verdicts on one prompt's response, in the shape of the official output lines.</summary>
/// <param name="Prompt">The scored prompt.</param>
/// <param name="Response">The response as given.</param>
/// <param name="FollowInstructionList">Whether each instruction was followed, in the prompt's order.</param>
public sealed record IfEvalVerdict(IfEvalPrompt Prompt, string Response, IReadOnlyList<bool> FollowInstructionList)
{
    /// <summary>Whether every instruction was followed (the prompt-level verdict).</summary>
    public bool FollowAllInstructions => FollowInstructionList.All(f => f);
}
