using MassGen.Core.Agents;
using MassGen.Core.Coordination;

namespace MassGen.Evaluation.Eval;

/// <summary>The team under evaluation, as the configuration loaded it, and what the manifest records about it.</summary>
/// <param name="Agents">The members in configuration order.</param>
/// <param name="Options">The coordination settings of the team arm.</param>
public sealed record EvalTeam(IReadOnlyList<AgentDefinition> Agents, OrchestratorOptions Options)
{
    /// <summary>The resolved config with secrets redacted; its SHA-256 goes into the manifest.</summary>
    public string? RedactedConfig { get; init; }

    /// <summary>The massgen version for the manifest.</summary>
    public string? Version { get; init; }

    /// <summary>The source commit massgen was built from, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The SHA-256 of the redacted config (of the members and their models without one): the manifest's, and what a cluster's nodes compare.</summary>
    public string ConfigSha256() => EvalManifest.Sha256OfText(RedactedConfig ?? string.Join("\n", Agents.Select(a => a.Id + " " + a.ModelDescription)));
}
