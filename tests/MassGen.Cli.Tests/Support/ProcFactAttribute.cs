using MassGen.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>A process fact that reads another process's state from <c>/proc</c>; it skips, saying so, where there is none.</summary>
public sealed class ProcFactAttribute : FactAttribute
{
    public ProcFactAttribute()
    {
        Timeout = TestTimeouts.Process;
        if (!Directory.Exists("/proc/self"))
        {
            Skip = "this system has no /proc, so another process's loaded files cannot be read.";
        }
    }
}
