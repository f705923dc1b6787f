using System.CommandLine;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Server;

namespace MassGen.Cli.Serving;

/// <summary>The <c>massgen serve</c> subcommand's options.</summary>
internal static class ServeCommandLine
{
    public static Command Build(CliHost host, ITeamLoader loader)
    {
        var defaults = new ServeSettings();
        var config = new Option<string[]>("--config", "-c") { Description = "A team config file, a folder of them, or @examples/NAME; repeat for more teams. Each is served as the model named by its file name." };
        var hostOption = new Option<string>("--host") { Description = $"The address to listen on (default {MassGenServerOptions.DefaultHost}, this machine only; 0.0.0.0 for every interface needs --api-key)." };
        var port = new Option<int?>("--port", "-p") { Description = $"The port (default {MassGenServerOptions.DefaultPort})." };
        var apiKey = new Option<string?>("--api-key") { Description = $"The bearer token clients must send (or set {MassGenServerOptions.ApiKeyVariable}); required beyond loopback." };
        var maxBody = new Option<long?>("--max-body-bytes") { Description = $"The largest request body accepted (default {defaults.MaxBodyBytes}); larger ones get 413." };
        var maxRuns = new Option<int?>("--max-concurrent-runs") { Description = $"Runs at once (default {defaults.MaxConcurrentRuns}); more get 429." };
        var rateLimit = new Option<int?>("--rate-limit") { Description = $"Chat requests per client per minute (default {defaults.RateLimit}; 0 for none); more get 429." };
        var noLogs = new Option<bool>("--no-logs") { Description = "Write no run logs under .massgen/logs." };
        var debug = new Option<bool>("--debug") { Description = "Log more, with error details." };
        var cluster = new Option<string?>("--cluster") { Description = $"Join the cluster whose Redis server is at HOST:PORT (or set {ClusterServing.RedisVariable}): runs are spread over every server of the cluster, and each lists them all (docs/cluster.md)." };
        var serve = new Command("serve", "Serve teams as OpenAI-compatible models: POST /v1/chat/completions, GET /v1/models, live run events at /v1/runs/{id}/events.")
        {
            config, hostOption, port, apiKey, maxBody, maxRuns, rateLimit, noLogs, debug, cluster,
        };
        serve.SetAction((parse, cancellationToken) =>
        {
            var settings = new ServeSettings
            {
                Configs = parse.GetValue(config) ?? [],
                Host = parse.GetValue(hostOption) ?? defaults.Host,
                Port = parse.GetValue(port) ?? defaults.Port,
                ApiKey = parse.GetValue(apiKey),
                MaxBodyBytes = parse.GetValue(maxBody) ?? defaults.MaxBodyBytes,
                MaxConcurrentRuns = parse.GetValue(maxRuns) ?? defaults.MaxConcurrentRuns,
                RateLimit = parse.GetValue(rateLimit) ?? defaults.RateLimit,
                NoLogs = parse.GetValue(noLogs),
                Debug = parse.GetValue(debug),
                Cluster = parse.GetValue(cluster) ?? host.GetVariable(ClusterServing.RedisVariable),
            };
            return new ServeCommand(host, loader).RunAsync(settings, cancellationToken);
        });
        return serve;
    }
}
