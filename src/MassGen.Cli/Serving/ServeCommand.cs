using MassGen.Cli.Commands;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Server;
using MassGen.Server.Logging;
using MassGen.Server.Runs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MassGen.Cli.Serving;

/// <summary>
/// <c>massgen serve</c>: loads and validates every team first (a team with a problem stops the start, with its
/// problems), then serves them as OpenAI-compatible models until Ctrl+C, which stops runs under way gracefully.
/// </summary>
internal sealed class ServeCommand(CliHost host, ITeamLoader loader)
{
    private static readonly string[] s_configExtensions = [".yaml", ".yml", ".json"];

    public async Task<int> RunAsync(ServeSettings settings, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (files, fileError) = FindConfigs(settings.Configs);
        if (fileError is not null)
        {
            await host.Error.WriteLineAsync(fileError);
            return ExitCodes.UsageError;
        }

        var teams = new List<ServedTeam>();
        try
        {
            var failed = false;
            foreach (var (name, path) in files)
            {
                var (team, problems, warnings) = await ServedTeam.LoadAsync(name, path, host, loader, !settings.NoLogs, settings.Debug, CancellationToken.None);
                foreach (var warning in warnings)
                {
                    await host.Error.WriteLineAsync($"warning: {name}: {warning}");
                }

                if (team is null)
                {
                    failed = true;
                    await host.Error.WriteLineAsync($"{path} cannot be served:");
                    foreach (var problem in problems)
                    {
                        await host.Error.WriteLineAsync("  " + problem);
                    }
                }
                else
                {
                    teams.Add(team);
                }
            }

            if (failed)
            {
                return ExitCodes.UsageError;
            }

            Action<ILoggingBuilder> logging = logging => logging.AddProvider(new TextWriterLoggerProvider(host.Error, host.TimeProvider, settings.Debug ? LogLevel.Debug : LogLevel.Information));
            var served = teams.ToDictionary(t => t.Name, t => (IChatClient)t.Client, StringComparer.Ordinal);
            IClusterRuns? clusterRuns = null;
            IAsyncDisposable? node = null;
            if (!string.IsNullOrWhiteSpace(settings.Cluster))
            {
                var (joined, error) = await JoinClusterAsync(settings, teams, files, logging);
                if (joined is null)
                {
                    await host.Error.WriteLineAsync($"massgen serve cannot join the cluster: {error}");
                    return ExitCodes.UsageError;
                }

                (node, served, clusterRuns) = joined.Value;
            }

            await using var leaveCluster = node;
            var options = new MassGenServerOptions
            {
                Teams = served,
                ClusterRuns = clusterRuns,
                Host = settings.Host,
                Port = settings.Port,
                ApiKey = settings.ApiKey ?? host.GetVariable(MassGenServerOptions.ApiKeyVariable),
                MaxRequestBodyBytes = settings.MaxBodyBytes,
                LogsDirectory = Path.Combine(host.WorkingDirectory, ".massgen", "logs"),
                MaxConcurrentRuns = settings.MaxConcurrentRuns,
                RateLimitPerClient = settings.RateLimit,
                EnvironmentVariables = host.EnvironmentVariables,
                TimeProvider = host.TimeProvider,
                ConfigureLogging = logging,
            };
            if (options.Validate() is { Count: > 0 } invalid)
            {
                await host.Error.WriteLineAsync("massgen serve cannot start:");
                foreach (var problem in invalid)
                {
                    await host.Error.WriteLineAsync("  " + problem);
                }

                return ExitCodes.UsageError;
            }

            await using var server = await MassGenServer.StartAsync(options, CancellationToken.None);
            await host.Error.WriteLineAsync($"massgen serve: {string.Join(", ", options.Teams.Keys)} at {server.OpenAIBaseUrl} (OpenAI-compatible; web view at {server.BaseAddress}; Ctrl+C stops)");
            if (_clusterLine is { } clusterLine)
            {
                await host.Error.WriteLineAsync(clusterLine);
            }

            host.ServerStarted?.Invoke(server.OpenAIBaseUrl);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, host.TimeProvider, stopToken);
            }
            catch (OperationCanceledException)
            {
                await host.Error.WriteLineAsync("massgen serve: stopping; runs under way end gracefully.");
            }

            return ExitCodes.Answered;
        }
        catch (IOException exception)
        {
            // Kestrel reports an address in use (or not available here) this way.
            await host.Error.WriteLineAsync($"massgen serve cannot listen on {settings.Host}:{settings.Port}: {exception.Message}. Pick another --port or --host.");
            return ExitCodes.UsageError;
        }
        finally
        {
            foreach (var team in teams)
            {
                await team.DisposeAsync();
            }
        }
    }

    private string? _clusterLine;

    /// <summary>
    /// Joins the cluster. Its own method, never inlined, so that only a server with a cluster loads Orleans (the JIT
    /// loads a method's assemblies when it compiles the method).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<((IAsyncDisposable Node, Dictionary<string, IChatClient> Teams, IClusterRuns Runs)? Joined, string? Error)> JoinClusterAsync(
        ServeSettings settings, IReadOnlyList<ServedTeam> teams, IReadOnlyList<(string Name, string Path)> files, Action<ILoggingBuilder> logging)
    {
        try
        {
            var joined = await ClusterServing.JoinAsync(settings.Cluster!, settings.Host, teams, NodeEvalCalls.Load(files, host, loader), host, logging);
            _clusterLine = $"massgen serve: a node of the cluster at {settings.Cluster} (this silo at {joined.SiloEndpoint}); runs go to any node, GET /v1/runs lists them all.";
            return ((joined.Node, new Dictionary<string, IChatClient>(joined.Teams, StringComparer.Ordinal), joined.Runs), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The teams to serve, named by file (without extension): the given files and every config in the given folders.</summary>
    private (IReadOnlyList<(string Name, string Path)> Files, string? Error) FindConfigs(IReadOnlyList<string> arguments)
    {
        var locator = new ConfigLocator(host);
        var paths = new List<string>();
        if (arguments.Count == 0)
        {
            if (locator.Discover() is not { } discovered)
            {
                return ([], "massgen serve needs a team: --config team.yaml (a file, a folder of config files, or @examples/NAME); repeat --config for more teams.");
            }

            paths.Add(discovered);
        }

        foreach (var argument in arguments)
        {
            var folder = Path.Combine(host.WorkingDirectory, argument);
            if (Directory.Exists(folder))
            {
                var inFolder = Directory.EnumerateFiles(folder).Where(f => s_configExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
                if (inFolder.Count == 0)
                {
                    return ([], $"The folder {argument} has no config files (*.yaml, *.yml, *.json).");
                }

                paths.AddRange(inFolder);
                continue;
            }

            var (path, error) = locator.Resolve(argument);
            if (path is null)
            {
                return ([], error);
            }

            paths.Add(path);
        }

        var files = paths.Select(p => (Name: Path.GetFileNameWithoutExtension(p), Path: p)).ToList();
        if (files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            return ([], $"Two configs would both be served as the model '{clash.Key}' ({string.Join(", ", clash.Select(f => f.Path))}); rename one.");
        }

        return (files, null);
    }
}
