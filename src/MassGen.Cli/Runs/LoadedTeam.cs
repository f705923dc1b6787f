using MassGen.Cli.Displays;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Runs;

/// <summary>
/// A validated team ready to run, or the problems that stop it. Owns what the team started (tool environments, MCP
/// servers); disposing it stops them.
/// </summary>
internal sealed class LoadedTeam : IAsyncDisposable
{
    private readonly Func<ValueTask>? _dispose;
    private bool _disposed;

    public LoadedTeam(Func<ValueTask>? dispose = null)
    {
        _dispose = dispose;
    }

    /// <summary>Problems that prevent the run, each with its path and line and how to fix it.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Problems that do not prevent the run (unsupported features of the original, for instance).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<AgentDefinition> Agents { get; init; } = [];

    public OrchestratorOptions Options { get; init; } = new();

    /// <summary>The configured display, when the config names one.</summary>
    public DisplayKind? Display { get; init; }

    public bool LoggingEnabled { get; init; } = true;

    /// <summary>
    /// The resolved configuration with secrets redacted, produced on first use: serializing it is JSON work a fresh
    /// process would otherwise do on the way to its first model request.
    /// </summary>
    public Lazy<string>? RedactedConfig { get; init; }

    /// <summary>The configuration in the file schema, secrets masked, for recordings (it loads again); produced on first use.</summary>
    public Lazy<System.Text.Json.Nodes.JsonObject>? ReplayableConfig { get; init; }

    /// <summary>The config's <c>record: true</c>: record every model exchange into the run's log folder.</summary>
    public bool Record { get; init; }

    /// <summary>The config's <c>session_id</c>, a session to continue.</summary>
    public string? SessionId { get; init; }

    /// <summary>
    /// The run id the team's workspaces were created under (<c>.massgen/logs/&lt;id&gt;/</c>), or null when no agent has
    /// a workspace; the first run of the team logs under this id.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>The folder holding the final answer's files, given the winner's id; null when the team has no workspaces.</summary>
    public Func<string?, string?>? FinalWorkspace { get; init; }

    /// <summary>The agents' backend blocks as the provider factory got them, for the rehearsal of their wire protocols.</summary>
    public IReadOnlyList<Wire.RehearsalBackend> RehearsalBackends { get; init; } = [];

    public bool IsValid => Errors.Count == 0;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_dispose is not null)
        {
            await _dispose();
        }
    }
}
