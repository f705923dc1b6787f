using MassGen.Configuration;
using MassGen.Providers;
using MassGen.Providers.Catalog;
using MassGen.Tools.Settings;
using MassGen.Tools.Workspaces;

namespace MassGen.Cli.Runs;

/// <summary>Maps the configuration's typed blocks onto what the providers and tools take.</summary>
internal static class BackendMapping
{
    /// <summary>
    /// The agent's tool settings, or null when it needs no environment (no workspace, tools or context paths). A
    /// <c>claude_code</c> agent gets only its workspace here: the CLI runs its MCP servers and commands itself
    /// (<see cref="ToClaudeCode"/>).
    /// </summary>
    public static AgentToolSettings? ToToolSettings(BackendConfig backend, IReadOnlyList<ContextPathConfig> orchestratorContextPaths, string workingDirectory, string? dockerSearchPath = null)
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

}
