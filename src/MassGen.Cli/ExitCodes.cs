namespace MassGen.Cli;

/// <summary>The process exit codes of the <c>massgen</c> command; scripts and CI rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The run produced a final answer (or a non-run command succeeded).</summary>
    public const int Answered = 0;

    /// <summary>The configuration or the command line is wrong; nothing was sent to any model.</summary>
    public const int UsageError = 1;

    /// <summary>The run ended without an answer (every agent failed, or none answered in time).</summary>
    public const int NoAnswer = 2;

    /// <summary>The user interrupted the run (Ctrl+C); the best available answer, if any, was still printed.</summary>
    public const int Interrupted = 130;
}
