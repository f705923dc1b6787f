namespace MassGen.Configuration;

/// <summary>How an agent's commands are isolated (<c>command_line_execution_mode</c>).</summary>
public enum CommandExecution
{
    /// <summary><c>sandbox</c> (default): a bubblewrap sandbox per command on Linux.</summary>
    Sandbox,

    /// <summary><c>local</c>: no isolation; only when written explicitly, with a warning.</summary>
    Local,

    /// <summary><c>docker</c>: a Docker container per command (needs Docker and a running daemon).</summary>
    Docker,
}
