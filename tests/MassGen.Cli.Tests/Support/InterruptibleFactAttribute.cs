using MassGen.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// A process test that sends SIGINT to a child: skipped where this test run ignores SIGINT (a shell's background job
/// without job control), since its children then inherit the ignored signal and never see it.
/// </summary>
public sealed class InterruptibleFactAttribute : FactAttribute
{
    // SIGINT is signal 2: bit 1 of the SigIgn mask in /proc/self/status.
    private const ulong InterruptBit = 1UL << 1;

    public InterruptibleFactAttribute()
    {
        Timeout = TestTimeouts.Process;
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the ignored-signal mask is read from /proc, which only Linux has.";
        }
        else if (IgnoredSignals() is { } ignored && (ignored & InterruptBit) != 0)
        {
            Skip = "this test run ignores SIGINT (started as a background job), so the program under test would too.";
        }
    }

    private static ulong? IgnoredSignals()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is null ? null : Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
    }
}
