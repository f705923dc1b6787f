using MassGen.Core.Results;

namespace MassGen.Core.Teams;

/// <summary>A team's coordination ended without a final answer (every agent failed, the budget ran out first, …).</summary>
public sealed class TeamRunFailedException : Exception
{
    /// <summary>Creates the exception for a run's result.</summary>
    public TeamRunFailedException(string runId, CoordinationResult result)
        : base($"The team's run {runId} ended without an answer ({result?.TerminationReason}): {result?.TerminationDetail ?? "no detail"}")
    {
        ArgumentNullException.ThrowIfNull(result);
        RunId = runId;
        Result = result;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TeamRunFailedException(string message)
        : base(message)
    {
        RunId = "";
        Result = new CoordinationResult { TerminationReason = TerminationReason.AllFailed };
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TeamRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunId = "";
        Result = new CoordinationResult { TerminationReason = TerminationReason.AllFailed };
    }

    /// <summary>Creates the exception without details.</summary>
    public TeamRunFailedException()
        : this("The team's run ended without an answer.")
    {
    }

    /// <summary>The run that failed.</summary>
    public string RunId { get; }

    /// <summary>What the run produced (votes, usage, why it ended).</summary>
    public CoordinationResult Result { get; }
}
