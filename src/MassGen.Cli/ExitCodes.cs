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

    /// <summary>The run was stopped by SIGTERM (128 + 15) and ended gracefully like <see cref="Interrupted"/>.</summary>
    public const int Terminated = 143;

    /// <summary>The run was stopped by SIGHUP (128 + 1) and ended gracefully like <see cref="Interrupted"/>.</summary>
    public const int HungUp = 129;

    /// <summary>The exit code of a graceful stop caused by <paramref name="signalNumber"/> (130 for Ctrl+C or an unknown cause).</summary>
    public static int ForSignal(int signalNumber) => signalNumber switch
    {
        15 => Terminated,
        1 => HungUp,
        _ => Interrupted,
    };
}
