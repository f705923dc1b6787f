using MassGen.Core.Agents;
using MassGen.Tools.Internal;
using MassGen.Tools.Settings;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace MassGen.Tools.Mcp;

/// <summary>
/// One MCP server of one agent: starts it through the SDK, lists and filters its tools, watches it, counts failed
/// calls, and switches it off (reported, never thrown) when it cannot start, crashes or keeps failing.
/// </summary>
internal sealed class McpServerConnection(McpServerSettings settings, string? defaultWorkingDirectory, TimeProvider timeProvider, Func<string, string?> environmentLookup) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private IToolEventReporter _reporter = NullReporter.Instance;
    private McpClient? _client;
    private IReadOnlyList<AIFunction> _tools = [];
    private int _consecutiveFailures;

    public McpServerSettings Settings => settings;

    public McpServerState State { get; private set; } = McpServerState.NotStarted;

    /// <summary>Why the server was switched off, when it was.</summary>
    public string? SwitchOffReason { get; private set; }

    public string Source => $"mcp:{settings.Name}";

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Test hook: called when a call's timeout is armed and the call is about to be sent.</summary>
    internal Action<string>? CallStarted { get; set; }

    /// <summary>See <see cref="McpClientManager.SandboxWrapper"/>.</summary>
    internal Func<IReadOnlyList<string>, string, IReadOnlyDictionary<string, string>, IReadOnlyList<string>>? SandboxWrapper { get; set; }

    /// <summary>The filtered tools, named <c>mcp__server__tool</c>; empty unless running.</summary>
    public IReadOnlyList<AIFunction> Tools => State == McpServerState.Running ? _tools : [];

    public async Task StartAsync(IToolEventReporter reporter, CancellationToken cancellationToken)
    {
        _reporter = reporter;
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        IClientTransport transport;
        if (settings.Transport == McpTransportKind.Stdio)
        {
            // Like the reference SDKs: a curated base environment (PATH, HOME, ...) plus what the configuration names,
            // so the host's API keys do not leak into every server.
            var environment = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
            foreach (var (name, value) in settings.Env)
            {
                environment[name] = EnvironmentExpander.Expand(value, environmentLookup, missing);
            }

            var workingDirectory = settings.WorkingDirectory ?? defaultWorkingDirectory;
            string command = settings.Command!;
            IList<string> arguments = [.. settings.Args];
            if (settings.Sandbox)
            {
                if (SandboxWrapper is null || workingDirectory is null)
                {
                    throw new InvalidOperationException($"MCP server '{settings.Name}' has sandbox: true but its agent has no sandbox (it needs a workspace, cwd).");
                }

                // The sandbox gets only the configured variables (plus its own PATH, HOME, TMPDIR, LANG); bwrap itself
                // starts with an empty environment.
                var configured = settings.Env.ToDictionary(kv => kv.Key, kv => environment[kv.Key] ?? "", StringComparer.Ordinal);
                var wrapped = SandboxWrapper([command, .. settings.Args], workingDirectory, configured);
                command = wrapped[0];
                arguments = [.. wrapped.Skip(1)];
                environment = [];
            }

            transport = new StartedOnStarterThread(new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = settings.Name,
                Command = command,
                Arguments = arguments,
                EnvironmentVariables = environment,
                InheritEnvironmentVariables = false,
                WorkingDirectory = workingDirectory,
                ShutdownTimeout = TimeSpan.FromSeconds(2),
            }));
        }
        else
        {
            var headers = settings.Headers.ToDictionary(kv => kv.Key, kv => EnvironmentExpander.Expand(kv.Value, environmentLookup, missing), StringComparer.Ordinal);
            transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = settings.Name,
                Endpoint = settings.Url!,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers,
                ConnectionTimeout = settings.StartTimeout,
            });
        }

        if (missing.Count > 0)
        {
            SwitchOff($"it could not start: the environment variable(s) {string.Join(", ", missing)} used in its configuration are not set. Set them, or remove the ${{...}} references.");
            return;
        }

        using var startTimeout = new CancellationTokenSource(settings.StartTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(startTimeout.Token, cancellationToken);
        try
        {
            var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "massgen", Version = "1.0" } }, cancellationToken: linked.Token);
            _client = client;
            var listed = await client.ListToolsAsync(cancellationToken: linked.Token);
            var filter = new ToolNameFilter(settings.AllowedTools, settings.ExcludeTools);
            _tools = [.. listed
                .Where(t => filter.Allows(t.Name, McpToolFunction.ExposedName(settings.Name, t.Name)))
                .Select(t => new McpToolFunction(this, t))];
            State = McpServerState.Running;
            _reporter.Report(Source, ToolNoticeSeverity.Information, $"started with {_tools.Count} of {listed.Count} tools: {string.Join(", ", _tools.Select(t => t.Name))}");
            _ = WatchAsync(client);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var why = startTimeout.IsCancellationRequested ? $"it did not start within {settings.StartTimeout.TotalSeconds:0.#} s" : $"it could not start ({Describe(ex)})";
            SwitchOff($"{why}. Check its command, arguments and environment.");
        }
    }

    /// <summary>A call succeeded: the failure streak ends.</summary>
    public void RecordSuccess() => Interlocked.Exchange(ref _consecutiveFailures, 0);

    /// <summary>A call failed; after too many in a row the server is switched off.</summary>
    public void RecordFailure(string what)
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        if (failures >= settings.MaxConsecutiveFailures)
        {
            SwitchOff($"{failures} calls in a row failed (last: {what})");
        }
        else
        {
            _reporter.Report(Source, ToolNoticeSeverity.Warning, $"call failed ({failures} of {settings.MaxConsecutiveFailures} allowed in a row): {what}");
        }
    }

    /// <summary>Takes the server out of service for this agent and ends its process.</summary>
    public void SwitchOff(string reason)
    {
        McpClient? client;
        lock (_gate)
        {
            if (State is McpServerState.SwitchedOff or McpServerState.Disposed)
            {
                return;
            }

            State = McpServerState.SwitchedOff;
            SwitchOffReason = reason;
            client = _client;
        }

        _reporter.Report(Source, ToolNoticeSeverity.Error, $"switched off for this agent: {reason}; the agent goes on without its tools.");
        if (client is not null)
        {
            _ = client.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        McpClient? client;
        lock (_gate)
        {
            State = McpServerState.Disposed;
            client = _client;
            _client = null;
        }

        if (client is not null)
        {
            await client.DisposeAsync();
        }
    }

    internal static string Describe(Exception ex) => ex switch
    {
        ClientTransportClosedException { Details: StdioClientCompletionDetails stdio } =>
            $"the process ended{(stdio.ExitCode is { } code ? $" with exit code {code}" : "")}{(stdio.StandardErrorTail is { Count: > 0 } tail ? $": {string.Join(" | ", tail.TakeLast(3))}" : "")}",
        _ => ex.InnerException is { } inner && ex.Message.Length < 20 ? $"{ex.Message} {inner.Message}" : ex.Message,
    };

    private async Task WatchAsync(McpClient client)
    {
        var details = await client.Completion;
        if (State == McpServerState.Running && ReferenceEquals(client, _client))
        {
            var exit = details is StdioClientCompletionDetails { ExitCode: { } code } ? $" with exit code {code}" : "";
            SwitchOff($"the server stopped unexpectedly{exit}{(details.Exception is { } ex ? $" ({ex.Message})" : "")}");
        }
    }

    private sealed class NullReporter : IToolEventReporter
    {
        public static NullReporter Instance { get; } = new();

        public void Report(string source, ToolNoticeSeverity severity, string message)
        {
        }
    }
}
