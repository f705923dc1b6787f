using System.Text;

namespace MassGen.Core.Prompts;

/// <summary>Texts of the final presentation, the post-evaluation review and a direct single-agent answer (COORDINATION.md §8–9).</summary>
internal static class PresentationPrompts
{
    public static string PresentationSystemMessage(string? persona, string? environmentSection) =>
        Compose(
            persona,
            environmentSection,
            "Your answer was chosen as the best. Write the final answer to the task for the user: complete and self-contained, "
            + "drawing on the other answers where they add something correct. Do not mention peers, votes or this process.");

    public static string PresentationUserMessage(UserMessageParts parts, IReadOnlyList<(string Reason, string VoterLabel)> votes)
    {
        var text = new StringBuilder(CoordinationPrompts.UserMessage(parts with { Instruction = null }));
        text.Append("\n\n<VOTES FOR YOUR ANSWER>\n");
        if (votes.Count == 0)
        {
            text.Append("(none: your answer was chosen as the most recent one)\n");
        }

        foreach (var (reason, voter) in votes)
        {
            text.Append(voter).Append(": ").Append(reason).Append('\n');
        }

        text.Append("</VOTES FOR YOUR ANSWER>\n\nWrite the final answer now.");
        return text.ToString();
    }

    public static string ReviewSystemMessage(string? persona, string? environmentSection) =>
        Compose(
            persona,
            environmentSection,
            "You review a final answer before it goes to the user. If it fully and correctly answers the task, call submit. "
            + "Otherwise call restart_orchestration with the reason and concrete instructions for the next attempt.");

    public static string ReviewUserMessage(string task, string finalAnswer) =>
        $"<ORIGINAL TASK>\n{task}\n</ORIGINAL TASK>\n\n<FINAL ANSWER>\n{finalAnswer}\n</FINAL ANSWER>\n\nReview it now: submit or restart_orchestration.";

    public static string DirectSystemMessage(string? persona, string? environmentSection) =>
        Compose(persona, environmentSection, "Answer the user's task completely and precisely.");

    private static string Compose(string? persona, string? environmentSection, string instruction)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(persona))
        {
            text.Append(persona.Trim()).Append("\n\n");
        }

        text.Append(instruction).Append('\n');
        if (!string.IsNullOrWhiteSpace(environmentSection))
        {
            text.Append('\n').Append(environmentSection.Trim()).Append('\n');
        }

        return text.ToString();
    }
}
