using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// Kills one process read from a group's <c>cgroup.procs</c>, only while it is still in that group. A pid is a number
/// the kernel hands out again once its process is gone, and a command that forks without end (the fork bomb a sandbox
/// exists for) goes through the whole pid space in seconds: between reading the list and signalling a number, that
/// number can already belong to another program (another agent's command, the run itself). With a pidfd the check and
/// the signal concern one and the same process; where pidfds are missing (a kernel before 5.3, a C library before
/// 2.36) the check comes right before a signal by number.
/// </summary>
internal static partial class CgroupMembers
{
    private const int SigKill = 9;
    private static volatile bool s_noPidfd;

    /// <summary>Sends SIGKILL to <paramref name="pid"/> if it is a member of <paramref name="group"/> (a cgroup folder).</summary>
    public static void Kill(int pid, string group)
    {
        if (!s_noPidfd && TryOpenPidfd(pid, out var pidfd))
        {
            try
            {
                // The pidfd holds on to the process it was opened for: if that one ends now and its number is reused,
                // the check below reads the newcomer, and the signal still goes to the pidfd's process (which is gone).
                if (IsMember(pid, group))
                {
                    _ = PidfdSendSignal(pidfd, SigKill, IntPtr.Zero, 0);
                }
            }
            finally
            {
                _ = Close(pidfd);
            }

            return;
        }

        if (!IsMember(pid, group))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Whether the process's cgroup (in any hierarchy) is <paramref name="group"/>, by the group's unique name.</summary>
    internal static bool IsMember(int pid, string group)
    {
        var name = "/" + Path.GetFileName(group.TrimEnd('/'));
        try
        {
            foreach (var line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/cgroup")))
            {
                // hierarchy-id:controllers:path
                var path = line.AsSpan(line.LastIndexOf(':') + 1);
                if (path.EndsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone.
        }

        return false;
    }

    private static bool TryOpenPidfd(int pid, out int pidfd)
    {
        pidfd = -1;
        try
        {
            pidfd = PidfdOpen(pid, 0);
            if (pidfd >= 0)
            {
                return true;
            }

            // ENOSYS: the kernel has no pidfds; any other error (ESRCH: gone) is about this process only.
            if (Marshal.GetLastPInvokeError() == 38)
            {
                s_noPidfd = true;
            }

            return false;
        }
        catch (EntryPointNotFoundException)
        {
            s_noPidfd = true;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int PidfdOpen(int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "pidfd_send_signal", SetLastError = true)]
    private static partial int PidfdSendSignal(int pidfd, int signal, IntPtr info, uint flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
