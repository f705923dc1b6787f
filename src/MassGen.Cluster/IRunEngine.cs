using MassGen.Core.Coordination;
using MassGen.Core.Teams;

namespace MassGen.Cluster;

/// <summary>
/// Runs a team on this silo: the same engine the node uses without a cluster (for <c>massgen serve</c>, the run
/// executor with its run logs). Registered in each silo's services.
/// </summary>
public interface IRunEngine
{
    /// <summary>
    /// Starts one coordination of <paramref name="team"/> with the id <paramref name="runId"/>. Cancelling the token
    /// stops it gracefully (the stream still ends with <c>run_finished</c>).
    /// </summary>
    /// <exception cref="ArgumentException">This node serves no team by that name.</exception>
    TeamRun Start(string team, string runId, CoordinationRequest request, CancellationToken cancellationToken);

    /// <summary>The run's log folder on this machine, or null when runs are not logged here.</summary>
    string? LogFolder(string runId);
}
