using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Cli.Runs.Wire;
using MassGen.Configuration;
using MassGen.Core.Agents;
using MassGen.Providers;
using MassGen.Providers.Catalog;
using MassGen.Providers.Local;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Workspaces;

namespace MassGen.Cli.Runs;

/// <summary>
/// Loads a team the way every run does: MassGen.Configuration reads and validates the YAML (reporting every problem
/// with its line), MassGen.Providers turns each backend block into a chat client pipeline, and MassGen.Tools gives
/// agents with a workspace, MCP servers, a command line or context paths their environment.
/// </summary>
internal sealed class ConfigTeamLoader : ITeamLoader
{
    private readonly CliHost _host;

    public ConfigTeamLoader(CliHost host)
    {
        _host = host;
    }

    public Task<LoadedTeam> LoadAsync(TeamSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var environment = Environment();
        ConfigLoadResult loaded;
        try
        {
            var loader = new ConfigLoader(environment, _host.WorkingDirectory);
            loaded = source.Path is { } path ? loader.LoadFile(path) : loader.LoadText(source.Text ?? "", ConfigFormat.Yaml, source.Description);
        }
        catch (ConfigurationException exception)
        {
            return Task.FromResult(new LoadedTeam { Errors = [exception.Message] });
        }

        var warnings = loaded.Report.Warnings.Select(p => p.ToString()).ToList();
        if (loaded.Config is not { } config || loaded.Report.HasErrors)
        {
            return Task.FromResult(new LoadedTeam { Errors = loaded.Report.ErrorLines(), Warnings = warnings });
        }

        var variables = environment.Variables.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        // LLamaSharp and its native library are loaded only when a team has an in-process GGUF agent.
        var localModels = config.Agents.Any(a => a.Backend.TypeInfo.Protocol == WireProtocol.LocalGguf) ? CreateLocalModels() : null;
        var context = new ProviderContext
        {
            Environment = variables,
            TimeProvider = _host.TimeProvider,
            WorkingDirectory = _host.WorkingDirectory,
            LocalModels = localModels,
        };
        var errors = new List<string>();
        var clients = new List<ProviderClient>();
        var agents = new List<AgentDefinition>();
        var rehearsalBackends = new List<RehearsalBackend>();
        WorkspaceHub? hub = null;

        // Workspaces and snapshots live in the run's log folder, so the hub takes the id the run's log will have.
        var runId = RunLogger.NewRunId(_host.TimeProvider);
        for (var i = 0; i < config.Agents.Count; i++)
        {
            var agent = config.Agents[i];
            try
            {
                // The environment comes first: a claude_code agent's CLI runs in the workspace it creates.
                AgentEnvironment? agentEnvironment = null;
                if (BackendMapping.ToToolSettings(agent.Backend, config.Orchestrator.ContextPaths, _host.WorkingDirectory, DockerSearchPath) is { } tools)
                {
                    hub ??= new WorkspaceHub(_host.WorkingDirectory, runId, _host.TimeProvider);
                    agentEnvironment = hub.CreateEnvironment(agent.Id, tools);
                }

                var settings = agent.Backend.ToBackendSettings() with
                {
                    ClaudeCode = BackendMapping.ToClaudeCode(agent.Backend, config.Orchestrator.ContextPaths, _host.WorkingDirectory, agentEnvironment),
                };
                var client = ProviderFactory.Create(agent.Id, settings, context);
                clients.Add(client);
                rehearsalBackends.Add(new RehearsalBackend(settings, variables));
                agents.Add(client.ToAgentDefinition(agent.SystemMessage) with { Environment = agentEnvironment });
            }
            catch (BackendConfigurationException exception)
            {
                errors.AddRange(exception.Problems.Select(p => $"agents[{i}] ({agent.Id}).backend.{p.Key}: {p.Message}"));
            }
            catch (Exception exception) when (exception is ArgumentException or UriFormatException or SandboxUnavailableException)
            {
                errors.Add($"agents[{i}] ({agent.Id}): {exception.Message}");
            }
        }

        async ValueTask DisposeAsync()
        {
            if (hub is not null)
            {
                await hub.DisposeAsync();

                // A run whose log was not kept (--no-logs, logging_enabled: false, a team that never ran) keeps no files.
                hub.DeleteUnlessKept(RunLogger.EventsFile);
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }

            (localModels as IDisposable)?.Dispose();
        }

        return Task.FromResult(new LoadedTeam(DisposeAsync)
        {
            Errors = errors,
            Warnings = warnings,
            Agents = agents,
            Options = config.ToOrchestratorOptions(),
            Display = config.Ui.DisplayType switch
            {
                DisplayType.RichTerminal => DisplayKind.RichTerminal,
                DisplayType.Simple => DisplayKind.Simple,
                DisplayType.Silent => DisplayKind.Silent,
                _ => null,
            },
            LoggingEnabled = config.Ui.LoggingEnabled,
            RedactedConfig = new(() => ConfigJsonWriter.ToJson(config, redactSecrets: true, environment.Variables)),
            ReplayableConfig = new(() => ConfigJsonWriter.ToJsonObject(config, redactSecrets: true)),
            Record = config.Record,
            SessionId = config.SessionId,
            RunId = hub?.RunId,
            FinalWorkspace = hub is null ? null : hub.GetFinalWorkspace,
            RehearsalBackends = WireRehearsal.PerProtocol(rehearsalBackends),
        });
    }

    public (string Report, bool HasErrors) Validate(string path)
    {
        try
        {
            var loaded = new ConfigLoader(Environment(), _host.WorkingDirectory).LoadFile(path);
            var report = loaded.Report;
            if (!report.HasErrors && DockerProblem(loaded.Config) is { } docker)
            {
                return ((report.ToString() + System.Environment.NewLine + docker).Trim(), true);
            }

            return (report.ToString(), report.HasErrors);
        }
        catch (ConfigurationException exception)
        {
            return (exception.Message, true);
        }
    }

    /// <summary>Where <c>docker</c> is looked for: the host's <c>PATH</c> (null for this process's).</summary>
    private string? DockerSearchPath => _host.EnvironmentVariables.GetValueOrDefault("PATH");

    /// <summary>Docker mode needs a docker program and a daemon that answers: checked by validate as at start-up.</summary>
    private string? DockerProblem(MassGenConfig? config)
    {
        var users = config?.Agents.Select((a, i) => (Agent: a, Index: i))
            .Where(p => p.Agent.Backend.EnableMcpCommandLine && p.Agent.Backend.CommandLine.Mode == CommandExecution.Docker)
            .ToList() ?? [];
        if (users.Count == 0)
        {
            return null;
        }

        try
        {
            _ = DockerTools.Require(searchPath: DockerSearchPath);
            return null;
        }
        catch (SandboxUnavailableException exception)
        {
            return string.Join(System.Environment.NewLine, users.Select(u => $"agents[{u.Index}] ({u.Agent.Id}).backend.command_line_execution_mode: {exception.Message}"));
        }
    }

    /// <summary>The host's variables plus <c>./.env</c> and <c>~/.massgen/.env</c>.</summary>
    public ConfigEnvironment Environment() =>
        ConfigEnvironment.Load(_host.EnvironmentVariables, _host.WorkingDirectory, _host.HomeDirectory);

    // A method of its own: the JIT loads the assemblies a method names when it compiles it, so naming LlamaLocalModels in
    // the loader itself would load MassGen.Providers.Local (and LLamaSharp) for every run.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The interface keeps the concrete type out of the caller.")]
    private static ILocalChatClientFactory CreateLocalModels() => new LlamaLocalModels();
}
