namespace MassGen.Core.Agents;

/// <summary>
/// Implemented by an exception that can say whether its failure will heal by trying again. When a turn ends with an
/// exception (or an inner exception) whose <see cref="IsPermanent"/> is true — a rejected API key, a missing model, a
/// CLI that is not installed — the engine fails the agent at once with the exception's message instead of backing off
/// and retrying; the rest of the team carries on. Exceptions without it are treated as transient.
/// </summary>
public interface IPermanentFailure
{
    /// <summary>True when retrying cannot help until someone changes the configuration or the environment.</summary>
    bool IsPermanent { get; }
}
