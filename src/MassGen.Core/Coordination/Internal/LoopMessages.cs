using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>What turns, timers and the caller tell the coordination loop. The loop is the only reader.</summary>
internal abstract record LoopMessage;

/// <summary>An event to stamp and publish (deltas, tool calls, notices). Dropped when its turn is no longer current.</summary>
internal sealed record PublishMessage(TurnHandle? Turn, CoordinationEvent Event) : LoopMessage;

/// <summary>Usage of one model call; always counted, even for a cancelled turn (the tokens were paid).</summary>
internal sealed record UsageMessage(TurnHandle Turn, TokenUsage Usage) : LoopMessage;

/// <summary>A decision to validate; the loop answers with a verdict.</summary>
internal sealed record DecisionMessage(TurnHandle Turn, DecisionAttempt Attempt, TaskCompletionSource<Verdict> Reply) : LoopMessage;

/// <summary>A turn about to return ordinary tool results asks whether an update must ride on them (<c>inject</c>).</summary>
internal sealed record UpdateRequestMessage(TurnHandle Turn, TaskCompletionSource<TurnUpdate?> Reply) : LoopMessage;

/// <summary>A turn ended without a decision the loop already handled.</summary>
internal sealed record TurnEndMessage(TurnHandle Turn, TurnEnd End) : LoopMessage;

/// <summary>An agent's back-off delay is over.</summary>
internal sealed record RetryDueMessage(AgentState Agent, int Generation) : LoopMessage;

/// <summary>An agent's voting-deferral wait ran out: it takes its next turn without waiting for its peers' first answers.</summary>
internal sealed record DeferralDueMessage(AgentState Agent, int Attempt) : LoopMessage;

/// <summary>A coordination timer fired.</summary>
internal sealed record TimerMessage(CoordinationTimer Timer, int Attempt) : LoopMessage;

/// <summary>The caller cancelled the run: a graceful stop.</summary>
internal sealed record InterruptMessage : LoopMessage;

/// <summary>The caller asked for the best answer so far (<see cref="CoordinationControl.AnswerNow"/>).</summary>
internal sealed record AnswerNowMessage : LoopMessage;

/// <summary>The timers of a coordination attempt.</summary>
internal enum CoordinationTimer
{
    WrapUp,
    Timeout,
}

/// <summary>The loop's answer to a decision.</summary>
internal abstract record Verdict
{
    /// <summary>Accepted (answer accepted or vote counted): the turn ends.</summary>
    public sealed record Accepted : Verdict;

    /// <summary>Rejected with feedback: the model tries again, with an update when the answers changed.</summary>
    public sealed record Rejected(string Feedback, TurnUpdate? Update) : Verdict;

    /// <summary>The turn is over without further action from it (stale vote discarded, retries exhausted, cancelled).</summary>
    public sealed record Over : Verdict;

    /// <summary>Post-evaluation or presentation turns: the decision is taken as is.</summary>
    public static Verdict AcceptedInstance { get; } = new Accepted();

    public static Verdict OverInstance { get; } = new Over();
}

/// <summary>An update for a turn whose view is out of date: text to append, and the decision tools to offer from now on.</summary>
internal sealed record TurnUpdate(string Text, IReadOnlyList<string> VoteLabels, bool CanAnswer);

/// <summary>How a turn ended.</summary>
internal enum TurnEndKind
{
    Completed,
    Failed,
    TimedOut,
    Cancelled,

    /// <summary>The next model call did not fit in the budget; the run stops (<see cref="TurnEnd.Error"/> says why).</summary>
    OverBudget,
}

/// <summary>The end of a turn: for presentation the text, for post-evaluation the review decision.</summary>
internal sealed record TurnEnd(TurnEndKind Kind, string? Error = null, string? Text = null, Decision? Review = null, bool Permanent = false);
