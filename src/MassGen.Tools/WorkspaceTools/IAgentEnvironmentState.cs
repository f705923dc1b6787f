using MassGen.Core.Agents;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>The environment state a tool needs when the orchestrator gave no context.</summary>
internal interface IAgentEnvironmentState
{
    IToolEventReporter Reporter { get; }

    bool IsFinalPresentation { get; }

    /// <summary>Copies into the shared folder any peer snapshot taken since the turn began.</summary>
    ValueTask RefreshSharedIfStaleAsync(CancellationToken cancellationToken);
}
