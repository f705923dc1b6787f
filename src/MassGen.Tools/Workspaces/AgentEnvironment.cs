using System.Text;
using MassGen.Core.Agents;
using MassGen.Tools.Commands;
using MassGen.Tools.Internal;
using MassGen.Tools.Mcp;
using MassGen.Tools.Permissions;
using MassGen.Tools.Sandboxing;
using MassGen.Tools.Settings;
using MassGen.Tools.WorkspaceTools;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.Workspaces;

/// <summary>
/// One agent's environment for a run: its workspace and shared reference folder (from the <see cref="WorkspaceHub"/>),
/// the workspace tools and <c>execute_command</c> behind one permission layer, and its MCP servers. Created by
/// <see cref="WorkspaceHub.CreateEnvironment"/>.
/// </summary>
public sealed class AgentEnvironment : IAgentEnvironment, IAsyncDisposable, IAgentEnvironmentState
{
    /// <summary>What answers are normalised to in place of the agent's own workspace path.</summary>
    public const string WorkspaceMarker = "/workspace";

    private readonly WorkspaceHub _hub;
    private readonly AgentSlot _slot;
    private readonly AgentToolSettings _settings;
    private readonly IReadOnlyList<AIFunction> _localTools;
    private readonly McpClientManager _mcp;
    private readonly ToolNameFilter _filter;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private IToolEventReporter _reporter = SilentReporter.Instance;
    private TurnPreparation? _preparation;
    private Dictionary<string, int> _versionsAtPreparation = new(StringComparer.Ordinal);
    private readonly ICommandLauncher? _launcher;
    private readonly SandboxLauncher? _serverSandbox;
    private volatile bool _isFinalPresentation;

    internal AgentEnvironment(WorkspaceHub hub, AgentSlot slot, AgentToolSettings settings)
    {
        _hub = hub;
        _slot = slot;
        _settings = settings;
        WorkspacePath = slot.HasWorkspace ? hub.WorkspaceOf(slot) : null;
        SharedFolderPath = slot.HasWorkspace ? hub.SharedOf(slot) : null;
        Policy = new AccessPolicy(WorkspacePath, SharedFolderPath, [.. settings.ContextPaths.Select(ResolvedContextPath.From)], sharedViews: () => slot.VisibleSnapshots);
        _filter = new ToolNameFilter(settings.AllowedTools, settings.ExcludeTools);
        _mcp = new McpClientManager(settings.McpServers, WorkspacePath, hub.TimeProvider);
        if (slot.HasWorkspace && settings.McpServers.Any(s => s.Sandbox))
        {
            // Servers with sandbox: true get the same mounts, network rule and limits as the agent's commands.
            _serverSandbox = new SandboxLauncher(SandboxTools.Require(), Policy, settings, CgroupLimiter.None);
            _mcp.SandboxWrapper = _serverSandbox.WrapProgram;
        }

        var tools = new List<AIFunction>();
        if (slot.HasWorkspace)
        {
            tools.AddRange(new WorkspaceToolset(Policy, this, settings.MaxOutputCharacters).Create().Select(t => new SharedRefreshingFunction(t, this)));
            if (settings.EnableCommandLine)
            {
                _launcher = CreateLauncher(settings);
                CommandRunner = new CommandRunner(hub.TimeProvider, settings.MaxOutputCharacters, _launcher);
                var commandPolicy = new CommandPolicy(Policy, settings.AllowedCommands, settings.BlockedCommands);
                tools.Add(new SharedRefreshingFunction(new CommandTool(Policy, commandPolicy, CommandRunner, this, settings.DefaultCommandTimeout, settings.MaxCommandTimeout, Isolation(settings)).Create(), this));
            }
        }

        _localTools = tools;
        SystemPromptSection = BuildPromptSection();
    }

    /// <summary>How this agent's commands are isolated (meaningful when it has <c>execute_command</c>).</summary>
    public CommandExecutionMode ExecutionMode => _settings.ExecutionMode;

    /// <summary>The agent's real id (for logs; never shown to a model).</summary>
    public string AgentId => _slot.AgentId;

    /// <summary>The agent's own workspace, kept for the whole run, or null without <c>cwd</c>.</summary>
    public string? WorkspacePath { get; }

    /// <summary>The agent's read-only folder of peers' snapshots (<c>agentK/</c> per label), or null without <c>cwd</c>.</summary>
    public string? SharedFolderPath { get; }

    /// <summary>The MCP servers' states by name.</summary>
    public IReadOnlyDictionary<string, McpServerState> McpServerStates => _mcp.States;

    /// <inheritdoc/>
    public string? SystemPromptSection { get; }

    internal AccessPolicy Policy { get; }

    internal AgentToolSettings Settings => _settings;

    internal CommandRunner? CommandRunner { get; }

    IToolEventReporter IAgentEnvironmentState.Reporter => _reporter;

    bool IAgentEnvironmentState.IsFinalPresentation => _isFinalPresentation;

    private static bool NetworkOn(AgentToolSettings settings) => settings.ExecutionMode == CommandExecutionMode.Docker
        ? (settings.Docker.NetworkMode ?? (settings.CommandNetwork ? "bridge" : "none")) != "none"
        : settings.CommandNetwork;

    private static string Isolation(AgentToolSettings settings) => settings.ExecutionMode switch
    {
        CommandExecutionMode.Local => "local, no isolation",
        CommandExecutionMode.Docker => NetworkOn(settings) ? "docker, network on" : "docker",
        _ => settings.CommandNetwork ? "sandbox, network on" : "sandbox",
    };

    private ICommandLauncher CreateLauncher(AgentToolSettings settings) => settings.ExecutionMode switch
    {
        CommandExecutionMode.Local => new LocalLauncher(),
        CommandExecutionMode.Sandbox => new SandboxLauncher(SandboxTools.Require(), Policy, settings, CgroupLimiter.System),
        CommandExecutionMode.Docker => new DockerLauncher(DockerTools.Require(settings.Docker.Executable, settings.Docker.SearchPath), Policy, settings),
        _ => throw new SandboxUnavailableException($"command_line_execution_mode {settings.ExecutionMode.ToString().ToLowerInvariant()} is not available; use sandbox (bubblewrap) or local."),
    };

    /// <inheritdoc/>
    public async ValueTask InitializeAsync(IToolEventReporter reporter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        _reporter = reporter;
        await _mcp.StartAsync(reporter, cancellationToken);
    }

    /// <inheritdoc/>
    public IReadOnlyList<AITool> GetTools() =>
        [.. _localTools.Concat(_mcp.Tools).Where(t => _filter.Allows(t.Name))];

    /// <inheritdoc/>
    public async ValueTask BeforeTurnAsync(TurnPreparation preparation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        _isFinalPresentation = preparation.IsFinalPresentation;
        if (preparation.IsFinalPresentation)
        {
            _hub.MarkFinalPresenter(_slot);
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            _preparation = preparation;
            _versionsAtPreparation = preparation.LabelsByAgentId.Keys.ToDictionary(id => id, _hub.GetSnapshotVersion, StringComparer.Ordinal);
            await _hub.RefreshSharedAsync(_slot, preparation, cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <inheritdoc/>
    async ValueTask IAgentEnvironmentState.RefreshSharedIfStaleAsync(CancellationToken cancellationToken)
    {
        if (_preparation is not { } preparation || !_slot.HasWorkspace)
        {
            return;
        }

        // Peers whose snapshot changed since the turn began answered meanwhile: show them too (same labels).
        var answeredSince = _versionsAtPreparation.Where(kv => _hub.GetSnapshotVersion(kv.Key) != kv.Value).Select(kv => kv.Key).ToList();
        if (answeredSince.Count == 0)
        {
            return;
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var current = preparation with { AgentIdsWithAnswers = [.. preparation.AgentIdsWithAnswers.Union(answeredSince, StringComparer.Ordinal)] };
            await _hub.RefreshSharedAsync(_slot, current, cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask OnAnswerAcceptedAsync(CancellationToken cancellationToken = default) =>
        await _hub.SnapshotAsync(_slot, cancellationToken);

    /// <inheritdoc/>
    public string RewriteAnswerForViewer(string answer, string authorId, string authorLabel)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (SharedFolderPath is null || _hub.FindSlot(authorId) is not { HasWorkspace: true } author)
        {
            return answer;
        }

        // The author's workspace and snapshot become this viewer's copy under the author's label; the author's own
        // shared folder becomes this viewer's (labels are the same for every viewer).
        var target = Path.Join(SharedFolderPath, authorLabel);
        return answer
            .Replace(_hub.WorkspaceOf(author), target, StringComparison.Ordinal)
            .Replace(_hub.SnapshotOf(author), target, StringComparison.Ordinal)
            .Replace(_hub.SharedOf(author), SharedFolderPath, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public string NormalizeAnswer(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!_slot.HasWorkspace)
        {
            return answer;
        }

        return answer
            .Replace(_hub.WorkspaceOf(_slot), WorkspaceMarker, StringComparison.Ordinal)
            .Replace(_hub.SnapshotOf(_slot), WorkspaceMarker, StringComparison.Ordinal);
    }

    /// <summary>Stops the MCP servers and removes the command sandbox's idle cgroups. The workspace is kept.</summary>
    public async ValueTask DisposeAsync()
    {
        await _mcp.DisposeAsync();
        (_launcher as IDisposable)?.Dispose();
        _serverSandbox?.Dispose();
    }

    private string? BuildPromptSection()
    {
        if (!_slot.HasWorkspace && _settings.ContextPaths.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        if (WorkspacePath is not null)
        {
            text.Append($"Your workspace: {WorkspacePath} (read and write; relative paths in your file tools start here, and your files stay between turns).\n");
            text.Append($"Shared reference: {SharedFolderPath} (read-only). Before each turn it shows every peer's workspace as it was when that peer gave its current answer, one folder per answer label (agent1/, agent2/, ...), matching the labels of the answers you see. Read and run these files in place; to change one, copy it into your workspace first.\n");
            if (_settings.EnableCommandLine)
            {
                text.Append(_settings.ExecutionMode == CommandExecutionMode.Local
                    ? "execute_command runs shell commands in your workspace (or another folder you may read) with a time limit.\n"
                    : $"execute_command runs shell commands in your workspace (or another folder you may read) with a time limit, in an isolated sandbox: only your workspace is writable, /tmp is private and empty, {(NetworkOn(_settings) ? "the network is available" : "there is no network")}, and every process the command started ends with it.\n");
            }
        }

        foreach (var context in Policy.ContextPaths)
        {
            var access = context.Permission == ContextPathAccess.Write
                ? "read-only now; writable later only if you are chosen to present the final answer"
                : "read-only";
            text.Append($"Context {(context.IsFile ? "file" : "folder")}: {context.Path} ({access}{(context.ProtectedPaths.Count > 0 ? $"; never writable: {string.Join(", ", context.ProtectedPaths)}" : "")}).\n");
        }

        return text.ToString().TrimEnd();
    }

    private sealed class SilentReporter : IToolEventReporter
    {
        public static SilentReporter Instance { get; } = new();

        public void Report(string source, ToolNoticeSeverity severity, string message)
        {
        }
    }
}
