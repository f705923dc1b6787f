namespace MassGen.Core.Prompts;

/// <summary>How a chat request to a team (<see cref="Teams.TeamChatClient"/>) becomes the team's task.</summary>
internal static class TeamRequestPrompts
{
    /// <summary>
    /// The caller's system instructions travel with the question: the team's agents have their own system messages, and
    /// a team used as an agent of another team must still see how that team wants its reply shaped.
    /// </summary>
    public static string Task(string? instructions, string question) =>
        string.IsNullOrWhiteSpace(instructions)
            ? question
            : $"<INSTRUCTIONS FROM THE REQUESTER>\n{instructions.Trim()}\n</INSTRUCTIONS FROM THE REQUESTER>\n\n{question}";
}
