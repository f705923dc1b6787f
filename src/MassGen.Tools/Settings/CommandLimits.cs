namespace MassGen.Tools.Settings;

/// <summary>
/// Kernel-enforced limits of one sandboxed command (<c>command_line_limits</c>). Each process of the command gets them
/// as hard resource limits it cannot raise; where a writable cgroup is available the process count and memory are
/// also limited for the command as a whole.
/// </summary>
public sealed record CommandLimits
{
    /// <summary>CPU seconds per process (RLIMIT_CPU). Default 300.</summary>
    public int CpuSeconds { get; init; } = 300;

    /// <summary>Data memory per process in bytes (RLIMIT_DATA), and memory of the whole command where a cgroup is available. Default 4 GiB.</summary>
    public long MemoryBytes { get; init; } = 4L << 30;

    /// <summary>Processes of the whole command (cgroup pids) and per user (RLIMIT_NPROC). Default 256.</summary>
    public int MaxProcesses { get; init; } = 256;

    /// <summary>Largest file a process may write, in bytes (RLIMIT_FSIZE). Default 1 GiB.</summary>
    public long MaxFileSizeBytes { get; init; } = 1L << 30;

    /// <summary>Every problem with these limits, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CpuSeconds < 1)
        {
            problems.Add("command_line_limits.cpu_seconds: must be at least 1.");
        }

        if (MemoryBytes < 16L << 20)
        {
            problems.Add("command_line_limits.memory_mb: must be at least 16.");
        }

        if (MaxProcesses < 4)
        {
            problems.Add("command_line_limits.max_processes: must be at least 4 (a shell and a pipe need a few).");
        }

        if (MaxFileSizeBytes < 1L << 20)
        {
            problems.Add("command_line_limits.max_file_size_mb: must be at least 1.");
        }

        return problems;
    }
}
