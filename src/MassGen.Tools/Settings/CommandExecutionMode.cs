namespace MassGen.Tools.Settings;

/// <summary>How <c>execute_command</c> isolates a command (<c>command_line_execution_mode</c>).</summary>
public enum CommandExecutionMode
{
    /// <summary>
    /// Bubblewrap on Linux (the default): new mount, PID, IPC, UTS and network namespaces, system folders read-only, the
    /// workspace read-write, a cleared environment, kernel-enforced limits. Needs the <c>bwrap</c> program.
    /// </summary>
    Sandbox,

    /// <summary>A Docker container per command through the <c>docker</c> CLI.</summary>
    Docker,

    /// <summary>No isolation: the command runs on this machine as the user running MassGen; only the text check applies.</summary>
    Local,
}
