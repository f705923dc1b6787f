using MassGen.Core.Events;
using MassGen.Core.Prompts;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>The final presentation, post-evaluation and the direct single-agent answer (COORDINATION.md §8–9).</summary>
internal sealed partial class CoordinationRun
{
    private async Task<PresentationResult> PresentAsync(CoordinationOutcome outcome)
    {
        if (outcome.Winner is not { Answer: { } winning } winner)
        {
            return new PresentationResult(null, PresentationOutcome.None, null);
        }

        if (_options.FinalPresentation == FinalPresentationMode.Skip)
        {
            return Finish(winning.Content, PresentationOutcome.Skipped, null);
        }

        if (outcome.Reason is TerminationReason.Interrupted or TerminationReason.Budget or TerminationReason.AllFailed)
        {
            return Finish(winning.Content, PresentationOutcome.Skipped, $"No presentation after the run stopped ({outcome.Reason}): the winning answer is used.");
        }

        Emit(new PresentationStarted(winner.Id, winner.Label));
        var parts = new UserMessageParts(_current.PreviousAttempt, _request.History, _request.Task, CurrentView().Block(winner, markOwn: true, Emit), null);
        var votes = CountingVotes().Where(v => v.TargetId == winner.Id).Select(v => (v.Reason, v.VoterLabel)).ToList();
        var end = await RunPhaseTurnAsync(
            winner,
            TurnKind.Presentation,
            PresentationPrompts.PresentationSystemMessage(winner.Definition.SystemMessage, winner.Environment?.SystemPromptSection),
            PresentationPrompts.PresentationUserMessage(parts, votes),
            _options.PresentationTimeout).ConfigureAwait(false);

        // Whatever happens, there is exactly one presentation: every failure falls back to the winning answer.
        return end.Kind switch
        {
            TurnEndKind.Completed when !string.IsNullOrWhiteSpace(end.Text) => Finish(end.Text, PresentationOutcome.Presented, null),
            TurnEndKind.Completed => Finish(winning.Content, PresentationOutcome.FellBackEmpty, "The presentation was empty: the winning answer is used."),
            TurnEndKind.TimedOut => Finish(winning.Content, PresentationOutcome.FellBackTimeout, $"The presentation exceeded {_options.PresentationTimeout.TotalSeconds:0.###} s: the winning answer is used."),
            TurnEndKind.Cancelled => Finish(winning.Content, PresentationOutcome.FellBackFailed, "The presentation was interrupted: the winning answer is used."),
            _ => Finish(winning.Content, PresentationOutcome.FellBackFailed, $"The presentation failed ({end.Error}): the winning answer is used."),
        };
    }

    private PresentationResult Finish(string answer, PresentationOutcome outcome, string? detail)
    {
        Emit(new PresentationFinished(outcome, detail));
        return new PresentationResult(answer, outcome, detail);
    }

    /// <summary>Post-evaluation: true when the reviewer asked for another attempt (and one is allowed).</summary>
    private async Task<bool> ReviewAsync(CoordinationOutcome outcome, PresentationResult presentation)
    {
        if (_current.Number > _options.MaxOrchestrationRestarts || outcome.Winner is not { } winner || presentation.Answer is not { } finalAnswer
            || _interrupted || _answerNow || outcome.Reason is TerminationReason.Budget or TerminationReason.AnswerNow)
        {
            return false;
        }

        _phase = RunPhase.Reviewing;
        var end = await RunPhaseTurnAsync(
            winner,
            TurnKind.PostEvaluation,
            PresentationPrompts.ReviewSystemMessage(winner.Definition.SystemMessage, winner.Environment?.SystemPromptSection),
            PresentationPrompts.ReviewUserMessage(_request.Task, finalAnswer),
            _options.PresentationTimeout).ConfigureAwait(false);
        if (end.Review is not { Kind: DecisionKind.RestartOrchestration } restart || _interrupted || _answerNow)
        {
            return false;
        }

        Emit(new OrchestrationRestarting(_current.Number + 1, restart.Reason, restart.Instructions));
        _current = new AttemptState(_current.Number + 1, new PreviousAttemptFeedback(restart.Reason, restart.Instructions, finalAnswer));
        foreach (var agent in _agents)
        {
            agent.ResetForAttempt();
        }

        return true;
    }

    /// <summary>A single agent without coordination: one turn whose text is the final answer.</summary>
    private async Task<CoordinationResult> DirectAnswerAsync(AgentState agent)
    {
        Emit(new PresentationStarted(agent.Id, agent.Label));
        var user = CoordinationPrompts.UserMessage(new UserMessageParts(null, _request.History, _request.Task, "", null)).TrimEnd();
        var end = await RunPhaseTurnAsync(
            agent,
            TurnKind.Presentation,
            PresentationPrompts.DirectSystemMessage(agent.Definition.SystemMessage, agent.Environment?.SystemPromptSection),
            user,
            _options.AgentTurnTimeout).ConfigureAwait(false);
        var answered = end.Kind == TurnEndKind.Completed && !string.IsNullOrWhiteSpace(end.Text);
        var detail = answered ? null : end.Kind == TurnEndKind.Completed ? "The agent's answer was empty." : $"The agent's turn ended without an answer ({end.Kind}: {end.Error}).";
        Emit(new PresentationFinished(answered ? PresentationOutcome.Presented : PresentationOutcome.None, detail));
        var reason = answered ? TerminationReason.SingleAgent
            : _interrupted ? TerminationReason.Interrupted
            : end.Kind == TurnEndKind.Completed ? TerminationReason.NoAnswers : TerminationReason.AllFailed;
        var outcome = new CoordinationOutcome(answered ? agent : null, reason, detail, false, []);
        return BuildResult(outcome, new PresentationResult(answered ? end.Text : null, answered ? PresentationOutcome.Presented : PresentationOutcome.None, detail));
    }

    /// <summary>Runs a presentation, review or direct turn while pumping the loop's messages, until it ends.</summary>
    private async Task<TurnEnd> RunPhaseTurnAsync(AgentState agent, TurnKind kind, string systemMessage, string userMessage, TimeSpan timeout)
    {
        agent.TurnCount++;
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, _callerToken);
        var handle = new TurnHandle(agent, agent.TurnCount, kind, _current.Revision, cancellation);
        _phaseTurn = handle;
        Emit(new TurnStarted(agent.Id, agent.Label, handle.TurnNumber, _current.Revision, kind, CanAnswer: false));
        var opening = new TurnOpening(userMessage, _current.Revision, Preparation(kind == TurnKind.Presentation), CanAnswer: false, VoteLabels: []);
        var setup = new TurnSetup(handle, agent.Label, systemMessage, () => opening, timeout, new AgentToolReporter(this, agent.Id));
        Launch(handle, setup);
        _phaseTurnEnd = null;
        await PumpUntilAsync(() => _phaseTurnEnd is not null).ConfigureAwait(false);
        var end = _phaseTurnEnd!;
        _phaseTurn = null;
        _phaseTurnEnd = null;
        // The caller's cancellation ends the turn through its linked token; the turn's end can reach the inbox before
        // the interrupt message does, and the pump stops at the turn's end, so the interrupt is read here.
        _interrupted |= _callerToken.IsCancellationRequested;
        if (end.Kind == TurnEndKind.TimedOut)
        {
            Emit(new AgentTimedOut(agent.Id, handle.TurnNumber, timeout));
        }

        cancellation.Dispose();
        return end;
    }
}

/// <summary>The final answer and how it was obtained.</summary>
internal sealed record PresentationResult(string? Answer, PresentationOutcome Outcome, string? Detail);
