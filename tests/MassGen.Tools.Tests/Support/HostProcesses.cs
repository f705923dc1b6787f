namespace MassGen.Tools.Tests.Support;

/// <summary>Looks for processes of this machine by command line.</summary>
internal static class HostProcesses
{
    /// <summary>
    /// How long a process may take to start, or to die and be reaped, before a test gives up on it: a failsafe far
    /// beyond what an idle machine needs, because a busy one may not schedule a killed process for seconds.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The pause between two looks: a bare yield would spin one of the two cores on /proc while the process the test
    /// waits for needs it.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits a bounded while until no live process has <paramref name="commandLine"/> in its command line. Killing is
    /// immediate but the kernel reaps asynchronously, hence the wait; zombies count as gone.
    /// </summary>
    public static async Task<bool> GoneAsync(string commandLine, TimeSpan? within = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (!Any(commandLine))
            {
                return true;
            }

            await Task.Delay(PollInterval);
        }
        while (watch.Elapsed < (within ?? Bound));

        return false;
    }

    /// <summary>True when a live process has <paramref name="commandLine"/> in its command line now.</summary>
    public static bool Running(string commandLine) => Any(commandLine);

    private static bool Any(string commandLine)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Join(folder, "cmdline")).Replace('\0', ' ');
                if (!cmdline.Contains(commandLine, StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Join(folder, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state is not ("Z" or "X"))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return false;
    }
}
