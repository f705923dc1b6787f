namespace MassGen.Cluster.Tests;

/// <summary>
/// The test classes that share one three-silo cluster: they run one after another, so a test that stops a silo never
/// pulls it from under another's runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
