using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MassGen.Core.Text;

namespace MassGen.Tools.Commands;

/// <summary>
/// <c>local</c> mode: the command runs on this machine as the user running MassGen, with the host environment minus
/// variables whose names look like credentials. No isolation beyond the text check. Each command starts in a process
/// group of its own (through <c>setsid</c>), owned by its launch: a timeout or cancellation kills the group, and so
/// does the end of the command (background children it left go with it). The launcher ends the groups of commands
/// still running when it is disposed (its agent's environment is). Nothing process-wide: no static state, no exit
/// hooks.
/// </summary>
internal sealed partial class LocalLauncher : ICommandLauncher, IDisposable
{
    private const int SigKill = 9;
    private static readonly string[] s_setsidLocations = ["/usr/bin/setsid", "/bin/setsid"];

    private readonly string? _setsid = OperatingSystem.IsWindows() ? null : s_setsidLocations.FirstOrDefault(File.Exists);
    private readonly ConcurrentDictionary<Launch, byte> _live = new();
    private volatile bool _disposed;

    /// <summary>How many commands of this launcher have started and not yet been cleaned up (for tests).</summary>
    internal int LiveCount => _live.Count;

    public CommandLaunch Prepare(string command, string workDirectory, bool isFinalPresentation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ProcessStartInfo info;
        if (OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/s", "/c", command } };
        }
        else if (_setsid is not null)
        {
            info = new ProcessStartInfo(_setsid) { ArgumentList = { "/bin/sh", "-c", command } };
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
        return new Launch(this, info, ownGroup: _setsid is not null);
    }

    /// <summary>Kills the process groups of every command of this launcher still running.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var launch in _live.Keys)
        {
            launch.KillGroup();
        }

        _live.Clear();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private sealed class Launch(LocalLauncher owner, ProcessStartInfo startInfo, bool ownGroup) : CommandLaunch
    {
        private int? _groupId;
        private Process? _leader;

        public override ProcessStartInfo StartInfo => startInfo;

        public override void OnStarted(Process process)
        {
            // setsid made the shell a session and group leader: its group id is its pid.
            _groupId = ownGroup ? process.Id : null;
            _leader = ownGroup ? process : null;
            owner._live[this] = 0;
            if (owner._disposed)
            {
                // Disposed while this command was starting: it must not run on unowned.
                KillGroup();
            }
        }

        public override void KillTree(Process process)
        {
            KillGroup();
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }

        // The command ended: whatever it left running in its group (background children) ends with it.
        public override ValueTask DisposeAsync()
        {
            KillGroup();
            owner._live.TryRemove(this, out _);
            return ValueTask.CompletedTask;
        }

        public void KillGroup()
        {
            if (_groupId is { } group && !OperatingSystem.IsWindows())
            {
                // Until setsid has run in the new process its group does not exist, and a group kill finds nobody
                // while the command goes on to start. So the leader goes first (through Process, which never
                // signals a reused pid): dead, it can start nothing; if it had already started the command, the group
                // exists and the second kill ends everything in it.
                KillLeader();
                if (GroupNumberReused(group))
                {
                    return;
                }

                _ = Kill(-group, SigKill);
            }
        }

        // The kernel keeps a group's number out of circulation while any process is in the group, so when the group
        // still holds the command's processes the number is theirs. Once the leader has been reaped and the group has
        // emptied, the number is free: a new process can get it as its pid and, by starting a session of its own
        // (bubblewrap does for every sandboxed command), become a group with the same number. A process with the
        // group's number as its pid after the leader was reaped is therefore someone else's, and so is that group.
        // (A check right before the signal: the number can still change hands in between, a far smaller window than
        // the whole time since the command ended.)
        private bool GroupNumberReused(int group) => LeaderReaped() && Kill(group, 0) == 0;

        private bool LeaderReaped()
        {
            try
            {
                return _leader is { HasExited: true };
            }
            catch (InvalidOperationException)
            {
                // The process object was disposed, which its owner does only once the command is over.
                return true;
            }
        }

        private void KillLeader()
        {
            try
            {
                if (_leader is { HasExited: false } leader)
                {
                    leader.Kill();
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already gone, or never started.
            }
        }
    }
}
