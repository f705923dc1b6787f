using System.Runtime.InteropServices;
using System.Text;
using MassGen.Core.Coordination;

namespace MassGen.Core.Prompts;

/// <summary>
/// The texts of a coordination turn (COORDINATION.md §2). The system message depends only on settings fixed for the
/// whole coordination, so it is byte-identical across an agent's turns and provider prompt caches hit.
/// </summary>
internal static class CoordinationPrompts
{
    /// <summary>Opens the block of current answers; each answer is wrapped in its author's label as a tag.</summary>
    public const string AnswersOpen = "<CURRENT ANSWERS>\n";

    public const string AnswersClose = "</CURRENT ANSWERS>";

    /// <summary>Marks the viewer's own answer (option <c>mark_own_answer</c>).</summary>
    public const string OwnAnswerMark = "(your own answer)\n";

    public const string NoAnswersYet = "No answers exist yet. You are among the first: give your own answer with new_answer.";

    public static string SystemMessage(string? persona, string? environmentSection, OrchestratorOptions options, bool decisionsAsJsonText)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(persona))
        {
            text.Append(persona.Trim()).Append("\n\n");
        }

        text.Append("You work on a task together with several anonymous peers. Each of you sees the task and the current answers ")
            .Append("of everyone (named agent1, agent2, ...). Each turn you make exactly one decision:\n")
            .Append("- new_answer: submit a new or improved answer that stands on its own (complete, not a comment on other answers);\n")
            .Append("- vote: choose the best current answer and say why. You may vote for your own answer.\n");
        text.Append(VotingGuidance(options.VotingSensitivity)).Append('\n');
        text.Append(NoveltyGuidance(options.AnswerNoveltyRequirement)).Append('\n');
        text.Append(decisionsAsJsonText
            ? "You cannot call the decision tools. End your reply with your decision as one JSON object, and only one: "
              + "{\"action\":\"new_answer\",\"content\":\"<your complete answer>\"} or {\"action\":\"vote\",\"agent_id\":\"<label>\",\"reason\":\"<why>\"}."
            : "End every turn by calling exactly one of the tools new_answer or vote. Other tools may be used before that.");
        text.Append('\n');
        if (!string.IsNullOrWhiteSpace(environmentSection))
        {
            text.Append('\n').Append(environmentSection.Trim()).Append('\n');
        }

        return text.ToString();
    }

    public static string UserMessage(UserMessageParts parts)
    {
        // The pieces are joined by one string.Concat, which allocates the result once at its exact length: with fifty
        // answers a coordination prompt is tens of thousands of characters, built fifty times at the hop into voting.
        var pieces = new List<string?>(16 + (4 * parts.History.Count));
        if (parts.PreviousAttempt is { } previous)
        {
            pieces.AddRange([
                "<PREVIOUS ATTEMPT>\nA reviewer sent the last attempt back.\nReason: ", previous.Reason,
                "\nInstructions: ", previous.Instructions,
                "\nFinal answer of that attempt:\n", previous.FinalAnswer, "\n</PREVIOUS ATTEMPT>\n\n"]);
        }

        if (parts.History.Count > 0)
        {
            pieces.Add("<CONVERSATION SO FAR>\n");
            foreach (var turn in parts.History)
            {
                pieces.AddRange(["User: ", turn.User, "\nAssistant: ", turn.Assistant, "\n"]);
            }

            pieces.Add("</CONVERSATION SO FAR>\n\n");
        }

        pieces.AddRange(["<ORIGINAL TASK>\n", parts.Task, "\n</ORIGINAL TASK>\n\n", parts.AnswersBlock]);
        if (parts.Instruction is { Length: > 0 } instruction)
        {
            pieces.AddRange(["\n\n", instruction]);
        }

        return string.Concat(CollectionsMarshal.AsSpan(pieces));
    }

    /// <summary>The closing instruction of a coordination turn's user message.</summary>
    public static string TurnInstruction(bool canAnswer, bool wrapUp, bool decisionsAsJsonText, IReadOnlyList<string> voteLabels)
    {
        var text = new StringBuilder();
        if (wrapUp)
        {
            text.Append(WrapUpNotice).Append(' ');
        }
        else if (!canAnswer)
        {
            text.Append("You have reached your limit of answers: vote for the best current answer. ");
        }

        text.Append(voteLabels.Count == 0
            ? "Decide now: new_answer."
            : canAnswer
                ? "Decide now: new_answer or vote."
                : "Decide now: vote.");
        if (decisionsAsJsonText && voteLabels.Count > 0)
        {
            text.Append(" Valid agent_id values: ").AppendJoin(", ", voteLabels).Append('.');
        }

        return text.ToString();
    }

    public const string WrapUpNotice = "Time is nearly up: new answers are closed, vote for the best current answer.";

    public static string AnswerUpdate(string answersBlock, IReadOnlyList<string> voteLabels, bool wrapUp)
    {
        var text = new StringBuilder("\n\n<UPDATE>\nThe answers changed while you worked. ");
        if (wrapUp)
        {
            text.Append(WrapUpNotice).Append(' ');
        }

        text.Append("Decide on these answers (vote agent_id must be one of: ").AppendJoin(", ", voteLabels).Append(").\n")
            .Append(answersBlock).Append("\n</UPDATE>");
        return text.ToString();
    }

    public static string WrapUpUpdate() => "\n\n<UPDATE>\n" + WrapUpNotice + "\n</UPDATE>";

    public const string ToolLimitReached = "\n\n<UPDATE>\nYou have used every tool round of this turn: decide now with vote or new_answer.\n</UPDATE>";

    private static string VotingGuidance(VotingSensitivity sensitivity) => sensitivity switch
    {
        VotingSensitivity.Strict => "Vote only for an answer that is correct, complete and could not be meaningfully improved; otherwise improve on it.",
        VotingSensitivity.Balanced => "Vote when an answer is correct and complete; answer again when you can fix an error or fill a real gap.",
        _ => "Vote as soon as an answer is reasonable and correct; answer again only to fix a real error or omission.",
    };

    private static string NoveltyGuidance(AnswerNoveltyRequirement novelty) => novelty switch
    {
        AnswerNoveltyRequirement.Strict => "A new answer must differ substantially from every current answer; near-copies are rejected.",
        AnswerNoveltyRequirement.Balanced => "A new answer must add something real; answers too close to a current one are rejected.",
        _ => "A new answer identical to a current one is rejected.",
    };
}

/// <summary>The parts of a coordination user message, in the order of COORDINATION.md §2.</summary>
internal sealed record UserMessageParts(
    PreviousAttemptFeedback? PreviousAttempt,
    IReadOnlyList<ConversationTurn> History,
    string Task,
    string AnswersBlock,
    string? Instruction);

/// <summary>What a post-evaluation restart carries into the next attempt (COORDINATION.md §9).</summary>
internal sealed record PreviousAttemptFeedback(string Reason, string Instructions, string FinalAnswer);
