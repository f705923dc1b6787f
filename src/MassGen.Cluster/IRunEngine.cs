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

    /// <summary>
    /// Continues a run whose silo died under it from its log folder: its state rebuilt from the events written there,
    /// the model calls it had finished answered from its recording, the rest sent live. The stream first repeats the
    /// stopped run's events, then goes on from <c>run_resumed</c> to <c>run_finished</c>, appending to the same folder.
    /// </summary>
    /// <param name="team">The team the run was started with.</param>
    /// <param name="runId">The run's id (it keeps it).</param>
    /// <param name="logFolder">Where the stopped attempt wrote its log (it must be readable from this machine).</param>
    /// <param name="control">Steers the resumed run (answer now).</param>
    /// <param name="cancellationToken">Stops the resumed run gracefully, as for <see cref="Start"/>.</param>
    /// <returns>Null when the run cannot be resumed here (the folder is not reachable or holds no run's log): the caller
    /// then starts it over. A log that shows the run ended gives just its events.</returns>
    TeamRun? ResumeRun(string team, string runId, string logFolder, CoordinationControl control, CancellationToken cancellationToken);
}
