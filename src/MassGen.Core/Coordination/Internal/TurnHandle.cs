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

    private int _revision = revision;

    /// <summary>
    /// Revision whose answers the turn's model has seen: set by the turn when it builds its opening from newer answers,
    /// then by the loop when it injects an update (never both at once: the loop only updates a turn that asked).
    /// </summary>
    public int Revision
    {
        get => Volatile.Read(ref _revision);
        set => Volatile.Write(ref _revision, value);
    }

    public bool CanAnswer { get; set; }

    /// <summary>Whether the turn already knows that wrap-up began.</summary>
    public bool KnowsWrapUp { get; set; }

    /// <summary>Rejected decisions so far.</summary>
    public int RejectedTries { get; set; }

    public Task Task { get; set; } = Task.CompletedTask;
}
