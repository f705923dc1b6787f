using MassGen.Core.Agents;

namespace MassGen.Providers;

/// <summary>A backend block cannot be turned into a client; <see cref="Problems"/> lists every reason.</summary>
public sealed class BackendConfigurationException : Exception, IPermanentFailure
{
    /// <summary>Creates the exception for <paramref name="agentId"/>.</summary>
    public BackendConfigurationException(string agentId, IReadOnlyList<BackendProblem> problems)
        : base($"Agent '{agentId}': the backend block is not usable: {string.Join("; ", problems ?? [])}")
    {
        AgentId = agentId;
        Problems = problems ?? [];
    }

    /// <summary>The agent whose backend is wrong.</summary>
    public string AgentId { get; }

    /// <summary>Every problem found, each with its key and fix.</summary>
    public IReadOnlyList<BackendProblem> Problems { get; }

    /// <summary>Always true: a wrong backend block stays wrong until the configuration is fixed.</summary>
    public bool IsPermanent => true;
}
