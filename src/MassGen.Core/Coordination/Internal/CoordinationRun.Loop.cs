using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>The coordination phase: the message loop, turn scheduling, timers and the hard stop (COORDINATION.md §5–7).</summary>
internal sealed partial class CoordinationRun
{
    private TurnHandle? _phaseTurn;
    private TurnEnd? _phaseTurnEnd;

    private async Task<CoordinationOutcome> CoordinateAsync()
    {
        // A resumed attempt keeps the time it had spent: its timers run for what is left.
        var spent = _current.SpentBefore;
        _current.StartedAt = _time.GetUtcNow() - spent;
        _phase = RunPhase.Coordinating;
        var attempt = _current.Number;
        var timeout = _options.OrchestratorTimeout;
        using var wrapUpTimer = _time.CreateTimer(_ => Post(new TimerMessage(CoordinationTimer.WrapUp, attempt)), null, Remaining(timeout * _options.WrapUpAt, spent), Timeout.InfiniteTimeSpan);
        using var timeoutTimer = _time.CreateTimer(_ => Post(new TimerMessage(CoordinationTimer.Timeout, attempt)), null, Remaining(timeout, spent), Timeout.InfiniteTimeSpan);

        await PumpUntilAsync(() =>
        {
            if (EndReached())
            {
                return true;
            }

            ScheduleTurns();
            return EndReached();
        }).ConfigureAwait(false);

        // From here on, decisions of coordination turns still in flight are refused.
        _phase = RunPhase.Presenting;
        await StopTurnsAsync().ConfigureAwait(false);
        return DecideOutcome();
    }

    /// <summary>
    /// The one loop of every phase: handles the inbox's messages one at a time under the current phase until
    /// <paramref name="done"/> holds (checked before each read).
    /// </summary>
    private async Task PumpUntilAsync(Func<bool> done)
    {
        while (!done())
        {
            var message = await _inbox.Reader.ReadAsync(_abort.Token).ConfigureAwait(false);
            await HandleAsync(message).ConfigureAwait(false);
        }
    }

    private bool EndReached()
    {
        if (_callerToken.IsCancellationRequested)
        {
            // Also covers a token cancelled before the run started, before its message is read.
            _interrupted = true;
            Stop(TerminationReason.Interrupted, "The run was interrupted.");
        }

        if (_answerNow && _agents.Any(a => a.Answer is not null))
        {
            Stop(TerminationReason.AnswerNow, "Answer now was asked: coordination stopped and the leading answer is presented.");
        }

        if (_current.StopReason is not null)
        {
            return true;
        }

        if (_options.SkipCoordinationRounds)
        {
            if (_agents[0].Failed)
            {
                Stop(TerminationReason.AllFailed, "The only coordinating agent failed.");
            }

            return _agents[0].Answer is not null || _current.StopReason is not null;
        }

        if (_agents.All(a => a.Failed))
        {
            Stop(TerminationReason.AllFailed, EveryAgentFailedText());
            return true;
        }

        // Consensus: every active agent holds a counting vote (COORDINATION.md §6).
        return _agents.All(a => a.Failed || a.Vote is not null);
    }

    private void Stop(TerminationReason reason, string detail) => _current.RequestStop(reason, detail);

    private async Task HandleAsync(LoopMessage message)
    {
        switch (message)
        {
            case PublishMessage publish:
                if (publish.Turn is null || IsCurrent(publish.Turn))
                {
                    Emit(publish.Event);
                }

                break;
            case UsageMessage usage:
                AddUsage(usage.Turn, usage.Usage);
                break;
            case DecisionMessage decision:
                decision.Reply.TrySetResult(IsCurrent(decision.Turn) && _phase == RunPhase.Coordinating && decision.Turn.Kind == TurnKind.Coordination
                    ? await DecideAsync(decision.Turn, decision.Attempt).ConfigureAwait(false)
                    : Verdict.OverInstance);
                break;
            case UpdateRequestMessage update:
                update.Reply.TrySetResult(IsCurrent(update.Turn) && _phase == RunPhase.Coordinating ? BuildUpdate(update.Turn) : null);
                break;
            case TurnEndMessage end when end.Turn == _phaseTurn:
                _phaseTurnEnd = end.End;
                break;
            case TurnEndMessage end when end.Turn == end.Turn.Agent.InFlight:
                end.Turn.Agent.InFlight = null;
                if (end.End.Kind is TurnEndKind.OverBudget && _phase == RunPhase.Coordinating)
                {
                    Stop(TerminationReason.Budget, end.End.Error ?? "The budget has no room for another call.");
                }

                if (end.End.Kind is TurnEndKind.Failed or TurnEndKind.TimedOut)
                {
                    OnTurnFailed(end.Turn, end.End.Error ?? "the turn failed", end.End.Kind == TurnEndKind.TimedOut, end.End.Permanent);
                }

                break;
            case DeferralDueMessage deferral when deferral.Attempt == _current.Number:
                deferral.Agent.DeferralSpent = true;
                break;
            case RetryDueMessage retry when retry.Generation == retry.Agent.BackoffGeneration:
                retry.Agent.BackingOff = false;
                break;
            case TimerMessage { Timer: CoordinationTimer.WrapUp } timer when timer.Attempt == _current.Number && _phase == RunPhase.Coordinating:
                StartWrapUp($"{_options.WrapUpAt:P0} of the time budget is spent");
                break;
            case TimerMessage { Timer: CoordinationTimer.Timeout } timer when timer.Attempt == _current.Number && _phase == RunPhase.Coordinating:
                Stop(TerminationReason.Timeout, $"The orchestrator timeout of {_options.OrchestratorTimeout.TotalSeconds:0.###} s ran out.");
                break;
            case AnswerNowMessage:
                _answerNow = true;
                break;
            case InterruptMessage:
                _interrupted = true;
                Stop(TerminationReason.Interrupted, "The run was interrupted.");
                break;
        }
    }

    private bool IsCurrent(TurnHandle turn) => turn == turn.Agent.InFlight || turn == _phaseTurn;

    private void ScheduleTurns()
    {
        if (_phase != RunPhase.Coordinating || _current.StopReason is not null)
        {
            return;
        }

        var firstAnswersPending = FirstAnswersPending();
        foreach (var agent in _agents)
        {
            if (agent.NeedsTurn && (!_options.SkipCoordinationRounds || (agent.Index == 0 && agent.Answer is null)) && !DefersVoting(agent, firstAnswersPending))
            {
                StartCoordinationTurn(agent);
            }
        }
    }

    /// <summary>Active agents whose first answer of this attempt is still to come from a running (or retrying) turn.</summary>
    private int FirstAnswersPending()
    {
        if (!_options.DeferVotingUntilAllAnswered || _current.WrapUp)
        {
            return 0;
        }

        var pending = 0;
        foreach (var agent in _agents)
        {
            if (!agent.Failed && agent.Answer is null && (agent.InFlight is not null || agent.BackingOff))
            {
                pending++;
            }
        }

        return pending;
    }

    /// <summary>
    /// Whether an agent that has answered waits before its next (voting) turn: a peer's first answer is on its way and
    /// would make a vote cast now stale. The wait is bounded once per attempt by <see cref="OrchestratorOptions.VotingDeferralLimit"/>.
    /// </summary>
    private bool DefersVoting(AgentState agent, int firstAnswersPending)
    {
        if (firstAnswersPending == 0 || agent.Answer is null || agent.DeferralSpent || _options.VotingDeferralLimit <= TimeSpan.Zero)
        {
            return false;
        }

        if (!agent.DeferralStarted)
        {
            agent.DeferralStarted = true;
            // The wait starts before the event is published, so whoever reacts to the event (a clock) sees it running.
            _ = PostAfterDelayAsync(_options.VotingDeferralLimit, new DeferralDueMessage(agent, _current.Number));
            Emit(new VotingDeferred(agent.Id, agent.Label, firstAnswersPending, _options.VotingDeferralLimit));
        }

        return true;
    }

    private void StartCoordinationTurn(AgentState agent)
    {
        agent.TurnCount++;
        var handle = new TurnHandle(agent, agent.TurnCount, TurnKind.Coordination, _current.Revision, CancellationTokenSource.CreateLinkedTokenSource(_abort.Token))
        {
            CanAnswer = CanAnswer(agent),
            KnowsWrapUp = _current.WrapUp,
        };
        agent.InFlight = handle;
        var setup = new TurnSetup(handle, agent.Label, agent.SystemMessage, CoordinationOpening(handle, CurrentView()), _options.AgentTurnTimeout, new AgentToolReporter(this, agent.Id));
        Emit(new TurnStarted(agent.Id, agent.Label, handle.TurnNumber, _current.Revision, TurnKind.Coordination, handle.CanAnswer));
        Launch(handle, setup);
    }

    private void Launch(TurnHandle handle, TurnSetup setup)
    {
        var runner = new TurnRunner(this, setup, _options, _time);
        handle.Task = Task.Run(runner.RunAsync);
        lock (_turnTasks)
        {
            if (_turnTasks.Count >= 256)
            {
                _turnTasks.RemoveAll(t => t.IsCompleted);
            }

            _turnTasks.Add(handle.Task);
        }
    }

    /// <summary>Cancels every in-flight turn, waits for them, and settles the messages they left behind.</summary>
    private async Task StopTurnsAsync()
    {
        var reason = _current.StopReason switch
        {
            null => "coordination ended",
            var stop => $"the run stopped ({stop})",
        };
        foreach (var agent in _agents)
        {
            if (agent.InFlight is { } turn)
            {
                Emit(new TurnCancelled(agent.Id, turn.TurnNumber, reason));
                agent.InFlight = null;
                await turn.Cancellation.CancelAsync().ConfigureAwait(false);
            }

            agent.BackoffGeneration++;
            agent.BackingOff = false;
        }

        await WaitForTurnsAsync().ConfigureAwait(false);
        while (_inbox.Reader.TryRead(out var message))
        {
            await HandleAsync(message).ConfigureAwait(false);
        }
    }

    private void AddUsage(TurnHandle turn, TokenUsage usage)
    {
        var agent = turn.Agent;
        agent.Usage = agent.Usage.Add(usage);
        Emit(new UsageReported(agent.Id, turn.TurnNumber, usage, agent.Usage));
        if (_phase == RunPhase.Coordinating)
        {
            CheckBudget();
        }
    }
}

/// <summary>How the coordination phase ended.</summary>
internal sealed record CoordinationOutcome(AgentState? Winner, TerminationReason Reason, string? Detail, bool TieBroken, IReadOnlyList<TallyEntry> Tally);
