namespace MassGen.Server.Runs;

/// <summary>
/// The runs of a whole cluster of servers (<c>massgen serve --cluster</c>): what <c>GET /v1/runs</c> and the web view
/// list beside this node's own, and the events of a run under way on another node.
/// </summary>
public interface IClusterRuns
{
    /// <summary>The cluster's newest runs.</summary>
    Task<IReadOnlyList<ClusterRun>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The events (their JSON, as in the run log) of a run the cluster knows, from its start as they happen, ending
    /// when the run ends; null when the cluster has no such run.
    /// </summary>
    Task<IAsyncEnumerable<string>?> WatchAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>A run of the cluster, as listed.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Model">The team.</param>
/// <param name="Status"><c>live</c>, <c>finished</c> or <c>failed</c>.</param>
/// <param name="Question">The task.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="TerminationReason">How it ended, once it has.</param>
public sealed record ClusterRun(string Id, string Model, string Status, string Question, DateTimeOffset StartedAt, string? TerminationReason);
