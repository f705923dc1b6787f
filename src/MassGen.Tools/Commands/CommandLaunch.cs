using System.Diagnostics;

namespace MassGen.Tools.Commands;

/// <summary>
/// One prepared command: how to start it, how to kill everything it started, and what to clean up afterwards. Made by
/// an <see cref="ICommandLauncher"/>; disposed by the runner once the command ended.
/// </summary>
internal abstract class CommandLaunch : IAsyncDisposable
{
    /// <summary>The process to start; standard streams redirected.</summary>
    public abstract ProcessStartInfo StartInfo { get; }

    /// <summary>Called right after the process started.</summary>
    public virtual void OnStarted(Process process)
    {
    }

    /// <summary>Kills the process and everything it started. Never throws.</summary>
    public abstract void KillTree(Process process);

    /// <summary>Called after the process exited (or was killed): ends whatever the command left behind.</summary>
    public abstract ValueTask DisposeAsync();
}
