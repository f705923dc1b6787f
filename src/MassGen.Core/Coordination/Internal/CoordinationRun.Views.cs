using System.Text;
using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>What a viewer sees: its answers block, its user message, the vote enum (COORDINATION.md §2–3).</summary>
internal sealed partial class CoordinationRun
{
    /// <summary>Labels of the agents that currently have an answer, in label order: the vote enum.</summary>
    private List<string> VoteLabels() =>
        [.. _agents.Where(a => a.Answer is not null).Select(a => a.Label).Order(StringComparer.Ordinal)];

    private string AnswersBlock(AgentState viewer, bool markOwn)
    {
        var authors = _agents.Where(a => a.Answer is not null).OrderBy(a => a.Label, StringComparer.Ordinal).ToArray();
        if (authors.Length == 0)
        {
            return CoordinationPrompts.NoAnswersYet;
        }

        if (_options.ShuffleAnswers)
        {
            LabelAssignment.ShuffleForViewer(authors, _seed, viewer.Index, _revision);
        }

        var text = new StringBuilder(64 + authors.Sum(a => a.Answer!.Content.Length + 48));
        text.Append("<CURRENT ANSWERS>\n");
        foreach (var author in authors)
        {
            var answer = author.Answer!.Content;
            if (author != viewer && viewer.Environment is { } environment)
            {
                answer = RewriteForViewer(environment, viewer, author, answer);
            }

            text.Append('<').Append(author.Label).Append(">\n");
            if (markOwn && author == viewer)
            {
                text.Append("(your own answer)\n");
            }

            text.Append(answer.Trim()).Append("\n</").Append(author.Label).Append(">\n");
        }

        return text.Append("</CURRENT ANSWERS>").ToString();
    }

    private string RewriteForViewer(IAgentEnvironment environment, AgentState viewer, AgentState author, string answer)
    {
        try
        {
            return environment.RewriteAnswerForViewer(answer, author.Id, author.Label);
        }
#pragma warning disable CA1031 // A faulty environment degrades one view of one answer; it must not stop the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Emit(new ToolNotice(viewer.Id, "workspace", ToolNoticeSeverity.Warning, $"Rewriting {author.Label}'s answer failed; shown unchanged: {error.Message}"));
            return answer;
        }
    }

    private string CoordinationUserMessage(AgentState viewer, bool canAnswer, List<string> voteLabels) =>
        CoordinationPrompts.UserMessage(new UserMessageParts(
            _previousAttempt,
            _request.History,
            _request.Task,
            AnswersBlock(viewer, _options.MarkOwnAnswer),
            CoordinationPrompts.TurnInstruction(canAnswer, _wrapUp && voteLabels.Count > 0, viewer.Definition.DecisionsAsJsonText, voteLabels)));

    private TurnPreparation Preparation(bool isFinalPresentation) =>
        new(_labelsById, [.. _agents.Where(a => a.Answer is not null).Select(a => a.Id)], isFinalPresentation);
}
