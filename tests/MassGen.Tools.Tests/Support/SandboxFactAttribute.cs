using MassGen.Tools.Sandboxing;

namespace MassGen.Tools.Tests.Support;

/// <summary>A fact that skips, saying why, where bubblewrap cannot run (not Linux, not installed, namespaces forbidden).</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (SandboxAvailability.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>A theory that skips like <see cref="SandboxFactAttribute"/>.</summary>
public sealed class SandboxTheoryAttribute : TheoryAttribute
{
    public SandboxTheoryAttribute()
    {
        if (SandboxAvailability.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>
/// A fact that needs the sandbox and a process limit the kernel enforces: a writable pids cgroup, or a user other than
/// root (the kernel applies RLIMIT_NPROC to every user but root).
/// </summary>
public sealed class ForkBombSafeFactAttribute : FactAttribute
{
    public ForkBombSafeFactAttribute()
    {
        if (SandboxAvailability.Problem is { } problem)
        {
            Skip = problem;
        }
        else if (!CgroupLimiter.System.LimitsProcesses && Environment.UserName == "root")
        {
            Skip = "no writable pids cgroup and running as root: the kernel applies no process limit to root, so a fork bomb is not safe to run here";
        }
    }
}

internal static class SandboxAvailability
{
    private static readonly Lazy<string?> s_problem = new(() =>
    {
        try
        {
            _ = SandboxTools.Require();
            return null;
        }
        catch (SandboxUnavailableException ex)
        {
            return "bubblewrap sandbox unavailable here (.ci/install-fixtures installs it on Linux): " + ex.Message;
        }
    });

    public static string? Problem => s_problem.Value;
}

/// <summary>A fact that reads <c>/proc</c> (Linux).</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "reads /proc, which Linux has";
        }
    }
}

/// <summary>A fact that needs a process group this process may create: a writable pids (or v2 memory) cgroup on Linux.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "cgroups exist on Linux only";
        }
        else if (!CgroupLimiter.System.LimitsProcesses && !CgroupLimiter.System.LimitsMemory)
        {
            Skip = "no cgroup this process may create (needs a writable pids cgroup, or a cgroup v2 group delegating its controllers)";
        }
    }
}

/// <summary>
/// A fact that chooses the pid of the next process it starts, by writing the last pid handed out to
/// <c>/proc/sys/kernel/ns_last_pid</c> (Linux, with the right to change it: root in the pid namespace's owner).
/// </summary>
public sealed class PidChoosingFactAttribute : FactAttribute
{
    public PidChoosingFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "chooses pids through /proc/sys/kernel/ns_last_pid, which Linux has";
        }
        else if (!CanWrite("/proc/sys/kernel/ns_last_pid"))
        {
            Skip = "/proc/sys/kernel/ns_last_pid is not writable here (needs root in this pid namespace), so no pid can be reused on purpose";
        }
    }

    private static bool CanWrite(string path)
    {
        try
        {
            File.WriteAllText(path, File.ReadAllText(path).Trim());
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
