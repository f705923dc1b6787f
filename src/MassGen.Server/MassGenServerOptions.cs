using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MassGen.Server;

/// <summary>How <see cref="MassGenServer"/> listens, whom it lets in, how much it takes on, and which teams it serves.</summary>
public sealed class MassGenServerOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The variable that holds the API key when <see cref="ApiKey"/> is not given.</summary>
    public const string ApiKeyVariable = "MASSGEN_SERVER_API_KEY";

    /// <summary>
    /// The served teams by model name (what clients put in <c>model</c>). Usually <see cref="Core.Teams.TeamChatClient"/>s;
    /// any chat client works, coordination events and run ids come from team clients only.
    /// </summary>
    public required IReadOnlyDictionary<string, IChatClient> Teams { get; init; }

    /// <summary>The address to listen on (an IP address or <c>localhost</c>).</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>The port; 0 picks a free one (see <see cref="MassGenServer.BaseAddress"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The bearer token clients must send. Required when <see cref="Host"/> is not a loopback address; without it, on
    /// loopback, any token (or none) is accepted.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Runs at once across all clients; a request beyond it gets 429 at once (nothing queues).</summary>
    public int MaxConcurrentRuns { get; init; } = 16;

    /// <summary>Requests per client (API key, or address without one) per <see cref="RateLimitWindow"/>; beyond it 429. 0: no limit.</summary>
    public int RateLimitPerClient { get; init; } = 120;

    /// <summary>The window of <see cref="RateLimitPerClient"/>.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The variables read for OpenTelemetry (<c>OTEL_EXPORTER_OTLP_*</c>, <c>OTEL_SERVICE_NAME</c>, ...); traces and
    /// metrics are exported when an OTLP endpoint is set.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The run log folder (<c>.massgen/logs</c>): past runs there are listed and replayed by <c>GET /v1/runs</c>, its
    /// events and the web view. None when null: only runs under way are shown.
    /// </summary>
    public string? LogsDirectory { get; init; }

    /// <summary>
    /// The cluster this server is a node of (<c>massgen serve --cluster</c>): its runs are listed with this node's own,
    /// and the events of its runs under way elsewhere are served here too. None when null: a single server.
    /// </summary>
    public Runs.IClusterRuns? ClusterRuns { get; init; }

    /// <summary>Where the server's own log lines go; nowhere when null.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The clock for response timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Every problem with these options, each saying how to fix it; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Teams.Count == 0)
        {
            problems.Add("No team to serve: give a config file or a folder of config files (--config).");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"--port must be between 0 and 65535; got {Port}.");
        }

        if (!Security.LoopbackCheck.TryParseHost(Host, out var isLoopback))
        {
            problems.Add($"--host '{Host}' is not an IP address (or localhost); use 127.0.0.1 for this machine only, 0.0.0.0 for every interface.");
        }
        else if (!isLoopback && string.IsNullOrEmpty(ApiKey))
        {
            problems.Add($"Listening on {Host} lets other machines in, so clients must send a key: set --api-key or {ApiKeyVariable} (or listen on 127.0.0.1).");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            problems.Add($"The request body limit must be at least 1024 bytes; got {MaxRequestBodyBytes}.");
        }

        if (MaxConcurrentRuns < 1)
        {
            problems.Add($"--max-concurrent-runs must be at least 1; got {MaxConcurrentRuns}.");
        }

        if (RateLimitPerClient < 0)
        {
            problems.Add($"--rate-limit must be 0 (no limit) or more; got {RateLimitPerClient}.");
        }

        return problems;
    }
}
