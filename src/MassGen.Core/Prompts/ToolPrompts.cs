namespace MassGen.Core.Prompts;

/// <summary>
/// What models read about tools: the decision tools' descriptions and the results of tool calls that went wrong.
/// </summary>
internal static class ToolPrompts
{
    public const string NewAnswerDescription = "Submit a new or improved answer to the task. It must be complete on its own.";

    public const string NewAnswerContentDescription = "Your complete answer.";

    public const string VoteDescription = "Vote for the best current answer; its author will present the final answer.";

    public const string VoteAgentIdDescription = "Label of the best answer's author.";

    public const string VoteReasonDescription = "Why this answer is the best.";

    public const string SubmitDescription = "Accept the final answer as it is.";

    public const string RestartDescription = "Send the final answer back: the team works on the task again with your reason and instructions.";

    public const string RestartReasonDescription = "What is wrong with the final answer.";

    public const string RestartInstructionsDescription = "What the next attempt must do differently.";

    public static string NoSuchTool(string name) => $"Error: there is no tool named '{name}'.";

    public static string ArgumentsNotJson(string name) => $"Error: the arguments of {name} are not valid JSON. Call it again with a JSON object.";

    public static string ToolFailed(string name, string message) => $"Error: {name} failed: {message}";
}
