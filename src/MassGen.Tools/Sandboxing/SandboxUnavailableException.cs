namespace MassGen.Tools.Sandboxing;

/// <summary>
/// The configured command isolation cannot work on this machine (bubblewrap or Docker missing or not allowed). Thrown
/// when the agent's environment is created, so the run fails at start-up with the message, which says how to fix it.
/// Never a silent fallback to running commands without isolation.
/// </summary>
public sealed class SandboxUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException()
    {
    }

    /// <summary>Creates the exception with the message shown to the user.</summary>
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message and the cause.</summary>
    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
