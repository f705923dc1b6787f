using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
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
        var localModels = config.Agents.Any(a => a.Backend.TypeInfo.Protocol == WireProtocol.LocalGguf) ? new LlamaLocalModels() : null;
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
        WorkspaceHub? hub = null;
        for (var i = 0; i < config.Agents.Count; i++)
        {
            var agent = config.Agents[i];
            try
            {
                // The environment comes first: a claude_code agent's CLI runs in the workspace it creates.
                AgentEnvironment? agentEnvironment = null;
                if (BackendMapping.ToToolSettings(agent.Backend, config.Orchestrator.ContextPaths, _host.WorkingDirectory) is { } tools)
                {
                    hub ??= new WorkspaceHub(_host.WorkingDirectory, null, _host.TimeProvider);
                    agentEnvironment = hub.CreateEnvironment(agent.Id, tools);
                }

                var settings = agent.Backend.ToBackendSettings() with
                {
                    ClaudeCode = BackendMapping.ToClaudeCode(agent.Backend, config.Orchestrator.ContextPaths, _host.WorkingDirectory, agentEnvironment),
                };
                var client = ProviderFactory.Create(agent.Id, settings, context);
                clients.Add(client);
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
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }

            localModels?.Dispose();
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
            RedactedConfig = ConfigJsonWriter.ToJson(config, redactSecrets: true, environment.Variables),
            SessionId = config.SessionId,
        });
    }

    public (string Report, bool HasErrors) Validate(string path)
    {
        try
        {
            var report = new ConfigLoader(Environment(), _host.WorkingDirectory).LoadFile(path).Report;
            return (report.ToString(), report.HasErrors);
        }
        catch (ConfigurationException exception)
        {
            return (exception.Message, true);
        }
    }

    /// <summary>The host's variables plus <c>./.env</c> and <c>~/.massgen/.env</c>.</summary>
    public ConfigEnvironment Environment() =>
        ConfigEnvironment.Load(_host.EnvironmentVariables, _host.WorkingDirectory, _host.HomeDirectory);
}
