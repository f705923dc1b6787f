using MassGen.Core.Agents;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>What a viewer sees: its answers block, its user message, the vote enum (COORDINATION.md §2–3).</summary>
internal sealed partial class CoordinationRun
{
    /// <summary>The current answers, captured once per revision (and published on the board).</summary>
    private AnswersView CurrentView()
    {
        if (_current.Board.Latest is { } latest && latest.Revision == _current.Revision)
        {
            return latest;
        }

        var view = AnswersView.Capture(_agents, _current.Revision, _seed, _options.ShuffleAnswers, _labelsById);
        _current.Board.Latest = view;
        return view;
    }

    /// <summary>Labels of the agents that currently have an answer, in label order: the vote enum.</summary>
    private IReadOnlyList<string> VoteLabels() => CurrentView().VoteLabels;

    /// <summary>
    /// The opening of a coordination turn, as a function the turn runs on its own task just before its first request:
    /// it reads the newest published answers then, and everything else it reads is captured here, so the per-viewer
    /// work leaves the loop. An agent's own answer count cannot change while its turn runs, and the wrap-up state it
    /// captures is corrected by an update, so only the answers need to be read late.
    /// </summary>
    private Func<TurnOpening> CoordinationOpening(TurnHandle turn, AnswersView startView)
    {
        var viewer = turn.Agent;
        var board = _current.Board;
        var previousAttempt = _current.PreviousAttempt;
        var history = _request.History;
        var task = _request.Task;
        var markOwn = _options.MarkOwnAnswer;
        var wrapUp = _current.WrapUp;
        var canAnswerOnceAnswered = CanAnswerOnceAnswersExist(viewer);
        ITurnHost host = this;
        return () =>
        {
            var view = board.Latest is { } latest && latest.Revision > startView.Revision ? latest : startView;
            var canAnswer = !view.HasAnswers || canAnswerOnceAnswered;
            var user = CoordinationPrompts.UserMessage(new UserMessageParts(
                previousAttempt,
                history,
                task,
                view.Block(viewer, markOwn, notice => host.Publish(turn, notice)),
                CoordinationPrompts.TurnInstruction(canAnswer, wrapUp && view.HasAnswers, viewer.Definition.DecisionsAsJsonText, view.VoteLabels)));
            return new TurnOpening(user, view.Revision, view.Preparation, canAnswer, view.VoteLabels);
        };
    }

    private TurnPreparation Preparation(bool isFinalPresentation) =>
        isFinalPresentation ? CurrentView().Preparation with { IsFinalPresentation = true } : CurrentView().Preparation;
}
