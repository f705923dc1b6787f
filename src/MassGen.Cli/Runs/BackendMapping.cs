using System.Text.Json.Nodes;
using MassGen.Configuration;
using MassGen.Providers;
using MassGen.Providers.Catalog;
using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

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
            Price = backend.Price is { } price ? new ModelPrice(price.InputPerMillion, price.OutputPerMillion, price.CachedInputPerMillion) : null,
            AdditionalProperties = extras,
            ContextSize = backend.ContextSize ?? contextSize,
            Threads = backend.Threads ?? threads,
            IdleTimeout = backend.IdleTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxRetries = backend.MaxRetries,
            ExtraHeaders = headers,
        };
    }

    /// <summary>
    /// The agent's tool settings, or null when it needs no environment (no workspace, tools or context paths). A
    /// <c>claude_code</c> agent gets only its workspace here: the CLI runs its MCP servers and commands itself
    /// (<see cref="ToClaudeCode"/>).
    /// </summary>
    public static AgentToolSettings? ToToolSettings(BackendConfig backend, IReadOnlyList<ContextPathConfig> orchestratorContextPaths, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(orchestratorContextPaths);
        var cli = IsClaudeCode(backend);
        var contextPaths = ContextPaths(backend, orchestratorContextPaths, workingDirectory);
        if (backend.Cwd is null && (cli || (backend.McpServers.Count == 0 && !backend.EnableMcpCommandLine && contextPaths.Count == 0)))
        {
            return null;
        }

        return new AgentToolSettings
        {
            Cwd = backend.Cwd,
            ContextPaths = contextPaths,
            EnableCommandLine = backend.EnableMcpCommandLine && !cli,
            AllowedCommands = backend.CommandLineAllowedCommands,
            BlockedCommands = backend.CommandLineBlockedCommands,
            ExecutionMode = backend.CommandLine.Mode == CommandExecution.Local ? CommandExecutionMode.Local : CommandExecutionMode.Sandbox,
            CommandNetwork = backend.CommandLine.Network,
            CommandEnvironment = backend.CommandLine.Environment,
            CommandLimits = Limits(backend.CommandLine),
            AllowedTools = backend.AllowedTools ?? [],
            ExcludeTools = backend.ExcludeTools,
            McpServers = cli ? [] : [.. backend.McpServers.Select(ToMcp)],
        };
    }

    /// <summary>
    /// The Claude Code CLI's settings of a <c>claude_code</c> agent (null for other types): its workspace as the working
    /// directory, context paths and the peers' shared folder readable, MCP servers and tool permissions.
    /// </summary>
    public static ClaudeCodeSettings? ToClaudeCode(
        BackendConfig backend, IReadOnlyList<ContextPathConfig> orchestratorContextPaths, string workingDirectory, AgentEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(orchestratorContextPaths);
        if (!IsClaudeCode(backend))
        {
            return null;
        }

        // Context paths stay read-only for the CLI: it is started once per call and cannot tell the presentation turn.
        var readable = ContextPaths(backend, orchestratorContextPaths, workingDirectory).Select(c => c.Path).ToList();
        if (environment?.SharedFolderPath is { } shared)
        {
            readable.Add(shared);
        }

        return new ClaudeCodeSettings
        {
            WorkingDirectory = environment?.WorkspacePath,
            ReadOnlyDirectories = readable,
            McpServers = [.. backend.McpServers.Select(s => new ClaudeCodeMcpServer(s.Name)
            {
                Command = s.Command,
                Args = s.Args,
                Env = s.Env,
                Url = s.Url is { } url ? new Uri(url) : null,
                Headers = s.Headers,
                AllowedTools = s.AllowedTools,
                ExcludeTools = s.ExcludeTools,
            })],
            AllowedTools = backend.AllowedTools ?? [],
            DisallowedTools = [.. backend.DisallowedTools, .. backend.ExcludeTools],
            PermissionMode = backend.PermissionMode,
            EnableCommandLine = backend.EnableMcpCommandLine,
        };
    }

    private static bool IsClaudeCode(BackendConfig backend) => backend.TypeInfo.Protocol == WireProtocol.ClaudeCodeCli;

    private static List<ContextPathSettings> ContextPaths(BackendConfig backend, IReadOnlyList<ContextPathConfig> orchestratorContextPaths, string workingDirectory) =>
        [.. orchestratorContextPaths.Concat(backend.ContextPaths)
            .Select(c => new ContextPathSettings(
                Path.GetFullPath(c.Path, workingDirectory),
                c.Permission == ContextAccess.Write ? MassGen.Tools.Settings.ContextPathAccess.Write : MassGen.Tools.Settings.ContextPathAccess.Read)
            { ProtectedPaths = c.ProtectedPaths })];

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
