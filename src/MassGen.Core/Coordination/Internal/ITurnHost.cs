using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>How a running turn talks to the coordination loop. Every call becomes a message on the loop's channel.</summary>
internal interface ITurnHost
{
    /// <summary>Publishes an event of the turn (unstamped; the loop stamps it).</summary>
    void Publish(TurnHandle turn, CoordinationEvent coordinationEvent);

    /// <summary>The budget every coordination call asks before it starts.</summary>
    BudgetGate Budget { get; }

    /// <summary>Reports the usage of one model call.</summary>
    void ReportUsage(TurnHandle turn, TokenUsage usage);

    /// <summary>Asks the loop to validate and apply a decision.</summary>
    Task<Verdict> SubmitDecisionAsync(TurnHandle turn, DecisionAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Asks whether an update must be appended to the tool results about to be sent.</summary>
    Task<TurnUpdate?> RequestUpdateAsync(TurnHandle turn, CancellationToken cancellationToken);

    /// <summary>Reports the end of a turn the loop did not end itself.</summary>
    void End(TurnHandle turn, TurnEnd end);
}
