using System.Text.Json.Nodes;
using MassGen.Configuration;
using MassGen.Providers;
using MassGen.Tools.Settings;

namespace MassGen.Cli.Runs;

/// <summary>Maps the configuration's typed blocks onto what the providers and tools take.</summary>
internal static class BackendMapping
{
    public static BackendSettings ToBackendSettings(BackendConfig backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var extras = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        ReasoningSettings? reasoning = null;
        string? verbosity = null;
        int? contextSize = null;
        int? threads = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in backend.ProviderOptions)
        {
            switch (key)
            {
                case "reasoning" when value is JsonObject reasoningBlock:
                    reasoning = new ReasoningSettings(Text(reasoningBlock["effort"]), Text(reasoningBlock["summary"]));
                    break;
                case "text" when value is JsonObject textBlock && textBlock["verbosity"] is not null:
                    verbosity = Text(textBlock["verbosity"]);
                    break;
                case "context_size" or "n_ctx" when value is JsonValue size && size.TryGetValue<int>(out var n):
                    contextSize = n;
                    break;
                case "threads" when value is JsonValue count && count.TryGetValue<int>(out var t):
                    threads = t;
                    break;
                case "extra_headers":
                    var headerBlock = value as JsonObject
                        ?? throw new ArgumentException("backend.extra_headers must be a mapping of HTTP header names to values (extra_headers: { X-Team: research })");
                    foreach (var (name, header) in headerBlock)
                    {
                        headers[name] = Text(header) ?? string.Empty;
                    }

                    break;
                default:
                    extras[key] = value?.DeepClone();
                    break;
            }
        }

        return new BackendSettings(backend.Type)
        {
            Model = backend.Model,
            ApiKey = backend.ApiKey,
            BaseUrl = backend.BaseUrl is { } url ? new Uri(url) : null,
            Temperature = (float?)backend.Temperature,
            TopP = (float?)backend.TopP,
            MaxTokens = backend.MaxTokens,
            Store = backend.Store,
            Reasoning = reasoning,
            TextVerbosity = verbosity,
            EnableWebSearch = backend.EnableWebSearch,
            EnableCodeExecution = backend.EnableCodeExecution,
            EnableCodeInterpreter = backend.EnableCodeInterpreter,
            Price = backend.Price is { } price
                ? new ModelPrice(price.InputPerMillion, price.OutputPerMillion, price.CachedInputPerMillion)
                {
                    CacheWriteInputPerMillion = price.CacheWriteInputPerMillion,
                }
                : null,
            AdditionalProperties = extras,
            ContextSize = backend.ContextSize ?? contextSize,
            Threads = backend.Threads ?? threads,
            IdleTimeout = backend.IdleTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxRetries = backend.MaxRetries,
            RequestsPerMinute = backend.RequestsPerMinute,
            TokensPerMinute = backend.TokensPerMinute,
            ExtraHeaders = headers,
        };
    }

    /// <summary>The agent's tool settings, or null when it needs no environment (no workspace, tools or context paths).</summary>
    public static AgentToolSettings? ToToolSettings(BackendConfig backend, IReadOnlyList<ContextPathConfig> orchestratorContextPaths, string workingDirectory, string? dockerSearchPath = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(orchestratorContextPaths);
        var contextPaths = orchestratorContextPaths.Concat(backend.ContextPaths)
            .Select(c => new ContextPathSettings(
                Path.GetFullPath(c.Path, workingDirectory),
                c.Permission == ContextAccess.Write ? MassGen.Tools.Settings.ContextPathAccess.Write : MassGen.Tools.Settings.ContextPathAccess.Read)
            { ProtectedPaths = c.ProtectedPaths })
            .ToList();
        if (backend.Cwd is null && backend.McpServers.Count == 0 && !backend.EnableMcpCommandLine && contextPaths.Count == 0)
        {
            return null;
        }

        return new AgentToolSettings
        {
            Cwd = backend.Cwd,
            ContextPaths = contextPaths,
            EnableCommandLine = backend.EnableMcpCommandLine,
            AllowedCommands = backend.CommandLineAllowedCommands,
            BlockedCommands = backend.CommandLineBlockedCommands,
            ExecutionMode = backend.CommandLine.Mode switch
            {
                CommandExecution.Local => CommandExecutionMode.Local,
                CommandExecution.Docker => CommandExecutionMode.Docker,
                _ => CommandExecutionMode.Sandbox,
            },
            Docker = new DockerSettings
            {
                Image = backend.CommandLine.DockerImage ?? DockerSettings.DefaultImage,
                MemoryLimit = backend.CommandLine.DockerMemoryLimit,
                CpuLimit = backend.CommandLine.DockerCpuLimit,
                NetworkMode = backend.CommandLine.DockerNetworkMode,
                SearchPath = dockerSearchPath,
            },
            CommandNetwork = backend.CommandLine.Network,
            CommandEnvironment = backend.CommandLine.Environment,
            CommandLimits = Limits(backend.CommandLine),
            AllowedTools = backend.AllowedTools ?? [],
            ExcludeTools = backend.ExcludeTools,
            McpServers = [.. backend.McpServers.Select(ToMcp)],
        };
    }

    private static CommandLimits Limits(CommandLineConfig config)
    {
        var defaults = new CommandLimits();
        return new CommandLimits
        {
            CpuSeconds = config.CpuSeconds ?? defaults.CpuSeconds,
            MemoryBytes = config.MemoryMegabytes is { } memory ? (long)memory << 20 : defaults.MemoryBytes,
            MaxProcesses = config.MaxProcesses ?? defaults.MaxProcesses,
            MaxFileSizeBytes = config.MaxFileSizeMegabytes is { } size ? (long)size << 20 : defaults.MaxFileSizeBytes,
        };
    }

    private static McpServerSettings ToMcp(McpServerConfig server) =>
        new(server.Name, server.Transport == McpTransport.Stdio ? McpTransportKind.Stdio : McpTransportKind.StreamableHttp)
        {
            Command = server.Command,
            Args = server.Args,
            Env = server.Env,
            Url = server.Url is { } url ? new Uri(url) : null,
            Headers = server.Headers,
            AllowedTools = server.AllowedTools ?? [],
            ExcludeTools = server.ExcludeTools,
            Sandbox = server.Sandbox,
        };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
