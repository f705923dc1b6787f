using MassGen.Core.Events;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// A running turn as the loop sees it. The mutable fields belong to the loop; the turn's task only reads the
/// immutable ones and its cancellation token.
/// </summary>
internal sealed class TurnHandle(AgentState agent, int turnNumber, TurnKind kind, int revision, CancellationTokenSource cancellation)
{
    public AgentState Agent { get; } = agent;

    public int TurnNumber { get; } = turnNumber;

    public TurnKind Kind { get; } = kind;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    /// <summary>Revision the turn started on, or was last updated to by an injected update.</summary>
    public int Revision { get; set; } = revision;

    public bool CanAnswer { get; set; }

    /// <summary>Whether the turn already knows that wrap-up began.</summary>
    public bool KnowsWrapUp { get; set; }

    /// <summary>Rejected decisions so far.</summary>
    public int RejectedTries { get; set; }

    public Task Task { get; set; } = Task.CompletedTask;
}
