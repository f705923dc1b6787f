using MassGen.Server;

namespace MassGen.Cli.Serving;

/// <summary>The options of <c>massgen serve</c>.</summary>
internal sealed record ServeSettings
{
    public IReadOnlyList<string> Configs { get; init; } = [];

    public string Host { get; init; } = MassGenServerOptions.DefaultHost;

    public int Port { get; init; } = MassGenServerOptions.DefaultPort;

    public string? ApiKey { get; init; }

    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    public int MaxConcurrentRuns { get; init; } = 16;

    public int RateLimit { get; init; } = 120;

    public bool NoLogs { get; init; }

    public bool Debug { get; init; }

    /// <summary>The Redis server of the cluster to join (<c>--cluster</c> or <c>MASSGEN_CLUSTER_REDIS</c>); none: a single server.</summary>
    public string? Cluster { get; init; }
}
