using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MassGen.Core.Agents;
using MassGen.Tools.Internal;
using MassGen.Tools.Settings;
using Microsoft.Extensions.AI;

namespace MassGen.Tools.Mcp;

/// <summary>
/// The MCP servers of one agent, started once per run through the official ModelContextProtocol SDK. Their tools
/// are exposed as <c>mcp__&lt;server&gt;__&lt;tool&gt;</c>. A server that fails to start, crashes or keeps failing is
/// reported and switched off; the others go on. Disposing ends every server (child processes included).
/// </summary>
public sealed class McpClientManager : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<McpClientManager, byte> s_started = new();

    // Kept alive for the life of the process: disposing a registration removes the handler.
    private static readonly PosixSignalRegistration[] s_signalRegistrations = ExitSignals.Register(signal =>
    {
        // At the terminal, Ctrl+C reaches stdio servers by itself (same process group); a SIGTERM or SIGHUP does not.
        if (signal != PosixSignal.SIGINT)
        {
            StopAllOnExit();
        }
    });
    private readonly IReadOnlyList<McpServerConnection> _connections;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private bool _started;
    private bool _disposed;

    static McpClientManager()
    {
        // Ctrl+C or an unhandled crash ends the host without disposing: stop every server still running then, so
        // child processes never outlive the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllOnExit();
    }

    /// <summary>Prepares the servers; nothing starts before <see cref="StartAsync"/>.</summary>
    /// <param name="servers">The agent's <c>mcp_servers</c>.</param>
    /// <param name="defaultWorkingDirectory">Working directory for stdio servers without their own (the agent's workspace).</param>
    /// <param name="timeProvider">Clock for call and start timeouts; the system clock when null.</param>
    /// <param name="environmentLookup">Where <c>${VAR}</c> values come from; the process environment when null.</param>
    public McpClientManager(IReadOnlyList<McpServerSettings> servers, string? defaultWorkingDirectory = null, TimeProvider? timeProvider = null, Func<string, string?>? environmentLookup = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var problems = servers.SelectMany(s => s.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid MCP server settings:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems), nameof(servers));
        }

        _connections = [.. servers.Select(s => new McpServerConnection(s, defaultWorkingDirectory, timeProvider ?? TimeProvider.System, environmentLookup ?? Environment.GetEnvironmentVariable))];
    }

    /// <summary>The tools of every running server, in configuration order.</summary>
    public IReadOnlyList<AIFunction> Tools => [.. _connections.SelectMany(c => c.Tools)];

    /// <summary>
    /// Wraps the program of a stdio server with <c>sandbox: true</c> into the agent's sandbox (set by the agent's
    /// environment before the servers start): program and arguments, working directory, environment in; the program to
    /// start and its arguments out.
    /// </summary>
    internal Func<IReadOnlyList<string>, string, IReadOnlyDictionary<string, string>, IReadOnlyList<string>>? SandboxWrapper
    {
        set
        {
            foreach (var connection in _connections)
            {
                connection.SandboxWrapper = value;
            }
        }
    }

    /// <summary>Test hook: called when a call's timeout is armed and the call is about to be sent.</summary>
    internal Action<string>? CallStarted
    {
        set
        {
            foreach (var connection in _connections)
            {
                connection.CallStarted = value;
            }
        }
    }

    /// <summary>Each server's state by name.</summary>
    public IReadOnlyDictionary<string, McpServerState> States => _connections.ToDictionary(c => c.Settings.Name, c => c.State, StringComparer.Ordinal);

    /// <summary>
    /// Starts every server (in parallel) once; later calls do nothing. Failures are reported through
    /// <paramref name="reporter"/> and switch that server off; only cancellation is thrown.
    /// </summary>
    public async Task StartAsync(IToolEventReporter reporter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
            s_started.TryAdd(this, 0);
            await Task.WhenAll(_connections.Select(c => c.StartAsync(reporter, cancellationToken)));
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Stops every server. Idempotent; bounded by each transport's shutdown timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        s_started.TryRemove(this, out _);
        foreach (var connection in _connections)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // A server that already died has nothing left to stop.
            }
        }
    }

    private static void StopAllOnExit()
    {
        _ = s_signalRegistrations;
        var stopping = s_started.Keys.Select(manager => manager.DisposeAsync().AsTask()).ToArray();

        // The process is exiting and this handler is synchronous: a bounded block is the only way to finish.
        try
        {
            Task.WaitAll(stopping, TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Best effort at exit: a server that fails to stop cleanly is killed with its transport.
        }
    }
}
