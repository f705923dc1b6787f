namespace MassGen.Core.Prompts;

/// <summary>
/// Messages fed back to a model whose decision broke a rule (COORDINATION.md §4). They name agents by label only.
/// </summary>
internal static class FeedbackMessages
{
    public static string NoDecision(bool decisionsAsJsonText) => decisionsAsJsonText
        ? "No decision found. Finish with one JSON object: {\"action\":\"vote\",...} or {\"action\":\"new_answer\",...}."
        : "No decision made. Finish this turn by calling vote or new_answer.";

    public static string MultipleDecisions(int count) =>
        $"You made {count} decisions. Call exactly one of vote or new_answer, once.";

    public const string VoteWithoutAnswers = "There are no answers yet, so there is nothing to vote for: use new_answer.";

    public static string UnknownLabel(string label, IReadOnlyList<string> validLabels) =>
        $"Unknown agent_id '{label}'. Valid values: {string.Join(", ", validLabels)}.";

    public static string OverAnswerCap(int given, int limit) =>
        $"You have given {given} answers, the limit is {limit}: vote for the best current answer instead.";

    public const string AnswersClosed = "New answers are closed because time is nearly up: vote for the best current answer instead.";

    public static string Identical(string label) =>
        $"This answer is the same as {label}'s current answer. Improve it substantially or vote for {label}.";

    public static string TooSimilar(string label) =>
        $"This answer is too close to {label}'s current answer. Make a substantial improvement or vote for {label}.";

    public static string MalformedArguments(string toolName, string problem) =>
        $"The arguments of {toolName} could not be read: {problem}. Call it again with valid JSON arguments.";

    public static string UnknownTool(string toolName, IEnumerable<string> available) =>
        $"There is no tool named '{toolName}'. Available tools: {string.Join(", ", available)}.";

    public const string ToolLimitExhausted = "No tool rounds are left in this turn: decide now with vote or new_answer.";
}
