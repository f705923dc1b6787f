namespace MassGen.Cluster;

/// <summary>
/// Makes the eval calls that land on this silo, with this node's own copy of the named team (for the CLI, the same
/// config loaded here). Registered in each silo's services.
/// </summary>
public interface IEvalCallEngine
{
    /// <summary>
    /// Makes <paramref name="request"/> (the eval's JSON call) with <paramref name="team"/>; its outcome as JSON. Cancelling
    /// abandons it: the silo is leaving, and another one makes it again.
    /// </summary>
    /// <exception cref="ArgumentException">This node serves no team by that name.</exception>
    Task<string> RunAsync(string team, string request, CancellationToken cancellationToken);
}

/// <summary>The engine of a silo set up without eval calls: each call that lands there fails and says why.</summary>
internal sealed class NoEvalCalls : IEvalCallEngine
{
    public Task<string> RunAsync(string team, string request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This node of the cluster makes no eval calls: start it with massgen serve --cluster or massgen eval --cluster.");
}
