using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MassGen.Core.Text;
using MassGen.Tools.Internal;

namespace MassGen.Tools.Commands;

/// <summary>
/// Starts commands in a process group of their own (via <c>setsid</c> on Unix) so a timeout can kill the command and
/// everything it started, including grandchildren that a plain tree walk misses once their parent died. Groups still
/// alive when the host process exits (Ctrl+C, a crash) are killed then as well.
/// </summary>
internal static partial class ProcessGroups
{
    private const int SigKill = 9;
    private static readonly string[] s_setsidLocations = ["/usr/bin/setsid", "/bin/setsid"];
    private static readonly ConcurrentDictionary<int, Process> s_live = new();
    private static readonly string? s_setsid = FindSetsid();

    // Kept alive for the life of the process: disposing a registration removes the handler.
    private static readonly PosixSignalRegistration[] s_signalRegistrations = ExitSignals.Register(_ => KillAll());

    static ProcessGroups()
    {
        // Commands run in their own session, so a Ctrl+C at the terminal does not reach them: kill them when the host
        // exits or is told to stop (.NET 10 raises no ProcessExit on SIGTERM, hence the signal handlers).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>The start info for a shell command line in its own process group.</summary>
    public static ProcessStartInfo CreateShellStartInfo(string command, string workDirectory)
    {
        ProcessStartInfo info;
        if (OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/s", "/c", command } };
        }
        else if (s_setsid is not null)
        {
            info = new ProcessStartInfo(s_setsid) { ArgumentList = { "/bin/sh", "-c", command } };
        }
        else
        {
            info = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        }

        info.WorkingDirectory = workDirectory;

        // Commands come from a model: the host's credentials (provider API keys, tokens) are not theirs to read.
        foreach (var name in info.Environment.Keys.Where(SecretNames.IsSecret).ToList())
        {
            info.Environment.Remove(name);
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    /// <summary>Remembers a started process so it is killed if the host exits first.</summary>
    public static void Track(Process process) => s_live[process.Id] = process;

    /// <summary>Forgets a process that ended.</summary>
    public static void Untrack(int processId) => s_live.TryRemove(processId, out _);

    /// <summary>Kills the process, its group and its tree. Never throws.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && s_setsid is not null)
            {
                // setsid made the shell a session and group leader: its group id is its pid.
                _ = Kill(-process.Id, SigKill);
            }

            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static void KillAll()
    {
        _ = s_signalRegistrations;
        foreach (var process in s_live.Values)
        {
            KillTree(process);
        }
    }

    private static string? FindSetsid()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return s_setsidLocations.FirstOrDefault(File.Exists);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
