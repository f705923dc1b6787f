namespace MassGen.Core.Results;

/// <summary>Why a coordination ended (COORDINATION.md §6).</summary>
public enum TerminationReason
{
    /// <summary>Every active agent held a counting vote.</summary>
    Consensus,

    /// <summary>The orchestrator timeout ran out.</summary>
    Timeout,

    /// <summary>The token or cost budget was exhausted.</summary>
    Budget,

    /// <summary>The caller stopped the run (Ctrl+C).</summary>
    Interrupted,

    /// <summary>Every agent failed.</summary>
    AllFailed,

    /// <summary>The run ended before any answer was accepted.</summary>
    NoAnswers,

    /// <summary>The caller asked for the best answer so far (<see cref="Coordination.CoordinationControl.AnswerNow"/>): the leading answer was presented.</summary>
    AnswerNow,

    /// <summary>A single agent answered without coordination, or <c>skip_coordination_rounds</c> was set.</summary>
    SingleAgent,
}
