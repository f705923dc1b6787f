using MassGen.Core.Agents;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>What a viewer sees: its answers block, its user message, the vote enum (COORDINATION.md §2–3).</summary>
internal sealed partial class CoordinationRun
{
    // Snapshot of the current answers, shared by every turn on this revision; dropped whenever an answer changes.
    private AnswersView? _view;

    /// <summary>The current answers, captured once per revision.</summary>
    private AnswersView CurrentView() =>
        _view ??= AnswersView.Capture(_agents, _revision, _seed, _options.ShuffleAnswers, _labelsById);

    /// <summary>Labels of the agents that currently have an answer, in label order: the vote enum.</summary>
    private IReadOnlyList<string> VoteLabels() => CurrentView().VoteLabels;

    /// <summary>
    /// The user message of a coordination turn, as a function the turn runs on its own task: everything it reads is
    /// captured here, so the per-viewer work leaves the loop.
    /// </summary>
    private Func<string> CoordinationUserMessage(TurnHandle turn, AnswersView view, bool canAnswer)
    {
        var viewer = turn.Agent;
        var previousAttempt = _previousAttempt;
        var history = _request.History;
        var task = _request.Task;
        var markOwn = _options.MarkOwnAnswer;
        var wrapUp = _wrapUp && view.HasAnswers;
        ITurnHost host = this;
        return () => CoordinationPrompts.UserMessage(new UserMessageParts(
            previousAttempt,
            history,
            task,
            view.Block(viewer, markOwn, notice => host.Publish(turn, notice)),
            CoordinationPrompts.TurnInstruction(canAnswer, wrapUp, viewer.Definition.DecisionsAsJsonText, view.VoteLabels)));
    }

    private TurnPreparation Preparation(bool isFinalPresentation) =>
        isFinalPresentation ? CurrentView().Preparation with { IsFinalPresentation = true } : CurrentView().Preparation;
}
