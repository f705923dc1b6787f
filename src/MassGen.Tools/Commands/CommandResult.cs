namespace MassGen.Tools.Commands;

/// <summary>How one command ended.</summary>
/// <param name="ExitCode">The exit code, or null when the command was killed on timeout.</param>
/// <param name="TimedOut">True when the time limit was reached and the process tree was killed.</param>
/// <param name="Output">Standard output and error, interleaved, truncated with a note when too long.</param>
/// <param name="Duration">Wall time as measured by the runner's clock.</param>
internal sealed record CommandResult(int? ExitCode, bool TimedOut, string Output, TimeSpan Duration)
{
    /// <summary>The text the model receives.</summary>
    public string ToModelText(TimeSpan timeout)
    {
        var status = TimedOut
            ? $"timed out after {timeout.TotalSeconds:0.#} s: the command and every process it started were killed."
            : $"exit code: {ExitCode}{(ExitCode == 0 ? "" : " (the command failed)")}";
        var output = Output.Length == 0 ? "(no output)" : Output;
        return $"{status}\n--- output ---\n{output}";
    }
}
