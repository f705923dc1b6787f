using MassGen.Core.Prompts;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// The state of one coordination attempt (COORDINATION.md §4–9): a post-evaluation restart starts a new one instead
/// of resetting fields by hand. Only the loop reads or writes it, except <see cref="Board"/>, which turns read.
/// </summary>
internal sealed class AttemptState(int number, PreviousAttemptFeedback? previousAttempt)
{
    /// <summary>1 for the first attempt, one more after each restart.</summary>
    public int Number { get; } = number;

    /// <summary>What the reviewer said about the previous attempt's final answer, shown to every agent.</summary>
    public PreviousAttemptFeedback? PreviousAttempt { get; } = previousAttempt;

    /// <summary>Accepted answers so far; every accepted answer adds one.</summary>
    public int Revision { get; set; }

    /// <summary>Every accepted answer, in order.</summary>
    public List<AnswerRecord> Answers { get; } = [];

    /// <summary>Votes that arrived on an outdated revision: recorded, never counted.</summary>
    public List<VoteRecord> Discarded { get; } = [];

    /// <summary>True once the time or budget wrap-up began: <c>new_answer</c> is withdrawn.</summary>
    public bool WrapUp { get; set; }

    /// <summary>Why coordination must stop now (timeout, budget, interruption, every agent failed), if it must.</summary>
    public TerminationReason? StopReason { get; private set; }

    public string? StopDetail { get; private set; }

    /// <summary>Coordination time a resumed attempt had spent before its process stopped; it counts toward the timeout.</summary>
    public TimeSpan SpentBefore { get; init; }

    /// <summary>When the attempt's coordination began.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The newest answers of this attempt, published for turns about to send.</summary>
    public AnswersBoard Board { get; } = new();

    /// <summary>Records the first stop request; later ones do not overwrite its reason.</summary>
    public void RequestStop(TerminationReason reason, string detail)
    {
        if (StopReason is null)
        {
            StopReason = reason;
            StopDetail = detail;
        }
    }
}
