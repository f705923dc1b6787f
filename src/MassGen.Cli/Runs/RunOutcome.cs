using MassGen.Core.Results;

namespace MassGen.Cli.Runs;

/// <summary>How one run ended: its result (null if the stream broke off), the exit code, and where its log is.</summary>
internal sealed record RunOutcome(CoordinationResult? Result, int ExitCode, string RunId, string? LogDirectory)
{
    /// <summary>The exit code for a result: 0 answered, 2 no answer, 130 interrupted (even with a best-available answer).</summary>
    public static int ExitCodeFor(CoordinationResult? result) => result switch
    {
        { TerminationReason: TerminationReason.Interrupted } => ExitCodes.Interrupted,
        { FinalAnswer: not null } => ExitCodes.Answered,
        _ => ExitCodes.NoAnswer,
    };
}
