using System.Globalization;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// Limits a command as a whole (all its processes together) through cgroups where this process may create them: the
/// pids controller caps the number of processes (RLIMIT_NPROC does not apply to root, and counts per user otherwise)
/// and, on cgroup v2, the memory controller caps the memory of all processes together. Supports the cgroup v1 pids
/// hierarchy under <c>/sys/fs/cgroup/pids</c> and a v2 hierarchy whose own group delegates the controllers. Where none is
/// writable, <see cref="Detect"/> returns an empty limiter and only the per-process resource limits apply.
/// </summary>
internal sealed class CgroupLimiter
{
    private const string Root = "/sys/fs/cgroup";
    private static readonly Lazy<CgroupLimiter> s_system = new(Detect);
    private static long s_counter;
    private readonly string? _pidsParent;
    private readonly string? _memoryParent;
    private readonly bool _v2;

    private CgroupLimiter(string? pidsParent, string? memoryParent, bool v2)
    {
        _pidsParent = pidsParent;
        _memoryParent = memoryParent;
        _v2 = v2;
    }

    /// <summary>A limiter that never creates groups (per-process resource limits only).</summary>
    public static CgroupLimiter None { get; } = new(null, null, v2: false);

    /// <summary>The limiter of this machine (detected once).</summary>
    public static CgroupLimiter System => s_system.Value;

    /// <summary>True when the number of processes of a command is limited as a whole.</summary>
    public bool LimitsProcesses => _pidsParent is not null;

    /// <summary>True when the memory of a command is limited as a whole.</summary>
    public bool LimitsMemory => _memoryParent is not null;

    /// <summary>Creates the groups of one command, or null when no controller is usable.</summary>
    public CgroupScope? Create(int maxProcesses, long memoryBytes)
    {
        if (_pidsParent is null && _memoryParent is null)
        {
            return null;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"massgen-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}");
        var groups = new List<string>();
        try
        {
            if (_v2)
            {
                var group = Path.Join(_pidsParent ?? _memoryParent, name);
                Directory.CreateDirectory(group);
                groups.Add(group);
                TryWrite(group, "pids.max", maxProcesses.ToString(CultureInfo.InvariantCulture));
                TryWrite(group, "memory.max", memoryBytes.ToString(CultureInfo.InvariantCulture));
                TryWrite(group, "memory.swap.max", "0");
            }
            else
            {
                var group = Path.Join(_pidsParent, name);
                Directory.CreateDirectory(group);
                groups.Add(group);
                File.WriteAllText(Path.Join(group, "pids.max"), maxProcesses.ToString(CultureInfo.InvariantCulture));
            }

            return new CgroupScope(groups, pool: null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            new CgroupScope(groups, pool: null).RemoveAll();
            return null;
        }
    }

    private static CgroupLimiter Detect()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/cgroup"))
        {
            return new CgroupLimiter(null, null, v2: false);
        }

        var own = File.ReadAllLines("/proc/self/cgroup")
            .Select(line => line.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .ToList();
        string? OwnPath(string controller) =>
            own.FirstOrDefault(p => p[1].Split(',').Contains(controller, StringComparer.Ordinal))?[2];

        var pidsPath = OwnPath("pids");
        if (pidsPath is not null)
        {
            // cgroup v1: the pids hierarchy only. Each hierarchy is a separate join of the first process, and a join
            // costs milliseconds; memory stays limited per process (RLIMIT_DATA).
            var pids = pidsPath is null ? null : Usable(Path.Join(Root, "pids", pidsPath), "pids.max");
            return new CgroupLimiter(pids, null, v2: false);
        }

        var unified = own.FirstOrDefault(p => p[0] == "0" && p[1].Length == 0)?[2];
        if (unified is not null && File.Exists(Path.Join(Root, "cgroup.controllers")))
        {
            var parent = Path.Join(Root, unified);
            var pids = Usable(parent, "pids.max");
            var memory = Usable(parent, "memory.max");
            return new CgroupLimiter(pids ?? memory, memory, v2: true);
        }

        return new CgroupLimiter(null, null, v2: false);
    }

    // A parent is usable when a child group can be created there and has the controller's limit file.
    private static string? Usable(string parent, string limitFile)
    {
        var probe = Path.Join(parent, string.Create(CultureInfo.InvariantCulture, $"massgen-probe-{Environment.ProcessId}"));
        try
        {
            Directory.CreateDirectory(probe);
            var usable = File.Exists(Path.Join(probe, limitFile));
            Directory.Delete(probe);
            RemoveStale(parent);
            return usable ? parent : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Groups left by a MassGen process that ended without disposing its agents (killed, crashed): removed when empty.
    private static void RemoveStale(string parent)
    {
        foreach (var group in Directory.EnumerateDirectories(parent, "massgen-*-*"))
        {
            var owner = Path.GetFileName(group).Split('-')[1];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{owner}"))
            {
                try
                {
                    Directory.Delete(group);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Still has members, or not ours: left alone.
                }
            }
        }
    }

    private static void TryWrite(string group, string file, string value)
    {
        var path = Path.Join(group, file);
        if (File.Exists(path))
        {
            File.WriteAllText(path, value);
        }
    }

    /// <summary>
    /// The groups of one command: joined by its first process, emptied when it ends, then given back to their pool (or
    /// removed without one).
    /// </summary>
    internal sealed class CgroupScope(IReadOnlyList<string> groups, CgroupPool? pool) : IAsyncDisposable
    {
        /// <summary>The same groups, given back to <paramref name="owner"/> when emptied.</summary>
        public CgroupScope PooledBy(CgroupPool owner) => new(groups, owner);

        /// <summary>Removes the (empty) groups. Never throws.</summary>
        public void RemoveAll()
        {
            foreach (var group in groups)
            {
                _ = TryRemove(group);
            }
        }

        /// <summary>The <c>cgroup.procs</c> files the first process writes its pid to before starting the sandbox.</summary>
        public IReadOnlyList<string> ProcsFiles { get; } = [.. groups.Select(g => Path.Join(g, "cgroup.procs"))];

        /// <summary>
        /// Kills every process still in the groups, then removes them. Never throws. Bounded on the real clock on
        /// purpose: killed processes leave their group within milliseconds, whatever clock drives the time limit.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            var empty = true;
            foreach (var group in groups)
            {
                var attempt = 0;
                while (KillMembers(group) > 0)
                {
                    if (++attempt == 200)
                    {
                        empty = false;
                        break;
                    }

                    // Killed processes usually leave within a scheduler tick: yield first, then back off.
                    if (attempt < 20)
                    {
                        await Task.Yield();
                    }
                    else
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
                    }
                }
            }

            if (!empty || pool is null || !pool.Return(this))
            {
                RemoveAll();
            }
        }

        private static int KillMembers(string group)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(Path.Join(group, "cgroup.procs"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return 0;
            }

            foreach (var line in lines)
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    CgroupMembers.Kill(pid, group);
                }
            }

            return lines.Length;
        }

        private static bool TryRemove(string group)
        {
            try
            {
                Directory.Delete(group);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
