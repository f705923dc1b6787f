using Orleans.Concurrency;

namespace MassGen.Cluster.Grains;

/// <summary>
/// The runs of the whole cluster, newest first, for <c>GET /v1/runs</c> and the web view of every node. One grain
/// (key 0); each run grain tells it when it starts, moves and ends.
/// </summary>
public interface IRunIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Records the run as it is now (added when new).</summary>
    Task UpdateAsync(RunSnapshot run);

    /// <summary>The newest <paramref name="limit"/> runs.</summary>
    [AlwaysInterleave]
    Task<RunSnapshot[]> ListAsync(int limit);
}

/// <summary>What the grain store keeps of the index.</summary>
[GenerateSerializer]
internal sealed class RunIndexState
{
    [Id(0)] public Dictionary<string, RunSnapshot> Runs { get; set; } = new(StringComparer.Ordinal);
}
