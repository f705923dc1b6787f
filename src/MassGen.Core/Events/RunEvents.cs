using MassGen.Core.Results;

namespace MassGen.Core.Events;

/// <summary>The run began.</summary>
/// <param name="Task">The user's task.</param>
/// <param name="Seed">The seed in use (reproduces labels, answer order and random tie-breaks).</param>
/// <param name="Agents">Agents with their labels, in configuration order.</param>
public sealed record RunStarted(string Task, int Seed, IReadOnlyList<AgentLabel> Agents) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"run started: {Agents.Count} agents, seed {Seed}";
}

/// <summary>
/// A stopped run continues (<see cref="Coordination.Orchestrator.ResumeAsync"/>): its state was rebuilt from its events
/// and the turns that were in flight start again. It takes the place of <see cref="RunStarted"/> in the resumed stream.
/// </summary>
/// <param name="Task">The user's task.</param>
/// <param name="Seed">The run's seed (unchanged).</param>
/// <param name="Agents">Agents with their labels (unchanged).</param>
/// <param name="Resumption">What was restored and what is redone.</param>
/// <param name="ElapsedBefore">Coordination time the attempt had spent before the stop.</param>
public sealed record RunResumed(string Task, int Seed, IReadOnlyList<AgentLabel> Agents, Coordination.Resumption Resumption, TimeSpan ElapsedBefore) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"run resumed after event {Resumption.AfterSequence}: {Resumption.AnswersRestored} answers and {Resumption.VotesRestored} votes restored, {Resumption.RedoneTurns.Count} turns redone";
}

/// <summary>The time (or budget) wrap-up began: <c>new_answer</c> is withdrawn.</summary>
/// <param name="Elapsed">Time spent when it began.</param>
/// <param name="Reason">What triggered it (time or budget).</param>
public sealed record WrapUpStarted(TimeSpan Elapsed, string Reason) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"wrap-up started after {Elapsed}: {Reason}";
}

/// <summary>
/// An agent that has answered waits before its next (voting) turn because peers' first answers are on their way; it
/// goes on when they have landed or after <paramref name="Limit"/>, whichever comes first (once per attempt).
/// </summary>
/// <param name="AgentId">Real id of the waiting agent.</param>
/// <param name="Label">Its label.</param>
/// <param name="PendingFirstAnswers">Peers whose first answer is still being written.</param>
/// <param name="Limit">The longest the agent waits.</param>
public sealed record VotingDeferred(string AgentId, string Label, int PendingFirstAnswers, TimeSpan Limit) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) waits up to {Limit} for {PendingFirstAnswers} first answer(s) before voting";
}

/// <summary>A winner was chosen (by consensus or at a hard stop).</summary>
/// <param name="WinnerId">Winner's real id.</param>
/// <param name="WinnerLabel">Winner's label.</param>
/// <param name="Tally">Counting votes per agent.</param>
/// <param name="Reason">How the winner was chosen (consensus, timeout with votes, latest answer…).</param>
/// <param name="TieBroken">True when several answers had the most votes and the tie-break decided.</param>
public sealed record ConsensusReached(string WinnerId, string WinnerLabel, IReadOnlyList<TallyEntry> Tally, TerminationReason Reason, bool TieBroken) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"winner {WinnerLabel} ({WinnerId}) by {Reason}{(TieBroken ? " after a tie-break" : "")}";
}

/// <summary>The winner began its final presentation.</summary>
/// <param name="AgentId">Presenter's real id.</param>
/// <param name="Label">Presenter's label.</param>
public sealed record PresentationStarted(string AgentId, string Label) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) presents";
}

/// <summary>A piece of the streamed final answer.</summary>
/// <param name="Text">The text piece.</param>
public sealed record FinalAnswerDelta(string Text) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"final answer +{Text.Length} chars";
}

/// <summary>The presentation ended (or was skipped, or fell back to the winning answer).</summary>
/// <param name="Outcome">How the final answer was obtained.</param>
/// <param name="Detail">Why a fallback happened, if it did.</param>
public sealed record PresentationFinished(PresentationOutcome Outcome, string? Detail) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"presentation {Outcome}{(Detail is null ? "" : $": {Detail}")}";
}

/// <summary>Post-evaluation asked for another orchestration attempt (COORDINATION.md §9).</summary>
/// <param name="NextAttempt">Number of the attempt about to start.</param>
/// <param name="Reason">The reviewer's reason.</param>
/// <param name="Instructions">The reviewer's instructions for the next attempt.</param>
public sealed record OrchestrationRestarting(int NextAttempt, string Reason, string Instructions) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"restarting (attempt {NextAttempt}): {Reason}";
}

/// <summary>The run ended. Always the last event.</summary>
/// <param name="Result">Everything the run produced.</param>
public sealed record RunFinished(CoordinationResult Result) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"run finished: {Result.TerminationReason}, winner {Result.WinnerLabel ?? "none"}";
}
