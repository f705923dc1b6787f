using MassGen.Core.Results;

namespace MassGen.Core.Events;

/// <summary>What a turn is for.</summary>
public enum TurnKind
{
    /// <summary>A coordination turn that must end in a decision.</summary>
    Coordination,

    /// <summary>The winner's final presentation.</summary>
    Presentation,

    /// <summary>The winner's post-evaluation review.</summary>
    PostEvaluation,
}

/// <summary>An agent began a turn.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="TurnNumber">The agent's turn count, from 1.</param>
/// <param name="Revision">Revision of the answer set the turn started on.</param>
/// <param name="Kind">What the turn is for.</param>
/// <param name="CanAnswer">False for vote-only turns (cap reached or wrap-up).</param>
public sealed record TurnStarted(string AgentId, string Label, int TurnNumber, int Revision, TurnKind Kind, bool CanAnswer) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) turn {TurnNumber} on revision {Revision} [{Kind}{(CanAnswer ? "" : ", vote only")}]";
}

/// <summary>A piece of an agent's streamed text.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Text">The text piece.</param>
public sealed record TextDelta(string AgentId, int TurnNumber, string Text) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} +{Text.Length} chars";
}

/// <summary>A piece of an agent's streamed reasoning (or reasoning summary).</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Text">The text piece.</param>
public sealed record ReasoningDelta(string AgentId, int TurnNumber, string Text) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} reasoning +{Text.Length} chars";
}

/// <summary>Token usage of one model call.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Usage">Tokens and cost of the call.</param>
/// <param name="AgentTotal">The agent's usage so far.</param>
public sealed record UsageReported(string AgentId, int TurnNumber, TokenUsage Usage, TokenUsage AgentTotal) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} usage: {Usage}";
}

/// <summary>A turn was cancelled before it decided (restart policy, or a hard stop).</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Reason">Why.</param>
public sealed record TurnCancelled(string AgentId, int TurnNumber, string Reason) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} turn {TurnNumber} cancelled: {Reason}";
}

/// <summary>A turn failed (provider error, timeout, exhausted decision retries, tool errors).</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="ConsecutiveFailures">Failed turns in a row, this one included.</param>
public sealed record TurnFailed(string AgentId, int TurnNumber, string Error, int ConsecutiveFailures) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} turn {TurnNumber} failed ({ConsecutiveFailures} in a row): {Error}";
}

/// <summary>An agent waits before its next try after a failed turn.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="NextTry">Number of the try about to happen after the delay (2 for the first retry).</param>
/// <param name="Delay">Back-off delay, jitter included.</param>
/// <param name="Error">The error that caused the retry.</param>
public sealed record AgentRetrying(string AgentId, int NextTry, TimeSpan Delay, string Error) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} retries in {Delay.TotalSeconds:0.##} s (try {NextTry}): {Error}";
}

/// <summary>An agent left the quorum after too many failed turns. Its current answer stays visible and votable.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="Label">Label.</param>
/// <param name="Error">The last error.</param>
public sealed record AgentFailed(string AgentId, string Label, string Error) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({AgentId}) failed: {Error}";
}

/// <summary>A turn exceeded its time limit.</summary>
/// <param name="AgentId">Real id.</param>
/// <param name="TurnNumber">Turn.</param>
/// <param name="Timeout">The limit that was exceeded.</param>
public sealed record AgentTimedOut(string AgentId, int TurnNumber, TimeSpan Timeout) : CoordinationEvent
{
    /// <inheritdoc/>
    public override string ToString() => $"{AgentId} turn {TurnNumber} timed out after {Timeout}";
}
