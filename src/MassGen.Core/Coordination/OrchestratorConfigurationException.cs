namespace MassGen.Core.Coordination;

/// <summary>The team or the coordination options are invalid. <see cref="Problems"/> lists every problem found.</summary>
public sealed class OrchestratorConfigurationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public OrchestratorConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid coordination setup:" + Environment.NewLine + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  - " + p)))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestratorConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestratorConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OrchestratorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Every problem, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
