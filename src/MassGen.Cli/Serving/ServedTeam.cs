using System.Threading.Channels;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Cli.Recording;
using MassGen.Cli.Runs;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Teams;

namespace MassGen.Cli.Serving;

/// <summary>
/// One served team: each request is a run exactly as the command runs it (same executor, same log folder), started
/// with a run id known before the first event so the server can name it at once. A team whose agents have tools or
/// workspaces is loaded afresh for each run, so concurrent runs never share a workspace or an MCP server; a chat-only
/// team is loaded once and its clients shared.
/// </summary>
internal sealed class ServedTeam : IAsyncDisposable
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;
    private readonly TeamSource _source;
    private readonly RunExecutor _executor;
    private readonly LoadedTeam? _shared;
    private readonly bool _logging;

    private ServedTeam(string name, CliHost host, ITeamLoader loader, TeamSource source, LoadedTeam? shared, bool logging, bool debug)
    {
        Name = name;
        _host = host;
        _loader = loader;
        _source = source;
        _shared = shared;
        _logging = logging;
        _executor = new RunExecutor(host, Path.Combine(host.WorkingDirectory, ".massgen")) { Debug = debug };
        Client = new TeamChatClient(name, Start);
    }

    public string Name { get; }

    public TeamChatClient Client { get; }

    /// <summary>Loads and validates the team; null and the problems when it cannot be served.</summary>
    public static async Task<(ServedTeam? Team, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)> LoadAsync(
        string name, string path, CliHost host, ITeamLoader loader, bool logging, bool debug, CancellationToken cancellationToken = default)
    {
        var source = new TeamSource(path, path, null);
        var team = await loader.LoadAsync(source, cancellationToken);
        if (!team.IsValid)
        {
            await team.DisposeAsync();
            return (null, team.Errors, team.Warnings);
        }

        var perRun = team.Agents.Any(a => a.Environment is not null);
        if (perRun)
        {
            await team.DisposeAsync();
        }

        return (new ServedTeam(name, host, loader, source, perRun ? null : team, logging, debug), [], team.Warnings);
    }

    private TeamRun Start(CoordinationRequest request, CancellationToken cancellationToken) =>
        Start(RunLogger.NewRunId(_host.TimeProvider), request, cancellationToken);

    /// <summary>Starts a run with an id chosen by the caller (a cluster names its runs before they reach a node).</summary>
    /// <param name="runId">The run's id, and its log folder's name.</param>
    /// <param name="request">The task and session history.</param>
    /// <param name="cancellationToken">Stops the run gracefully.</param>
    /// <param name="recorded">Record its model exchanges in its log folder, so that it can be resumed without paying
    /// again for the calls it finished (a cluster's runs, which another node takes up when this one dies).</param>
    public TeamRun Start(string runId, CoordinationRequest request, CancellationToken cancellationToken, bool recorded = false) =>
        Launch(runId, request, [], plan => plan with { RecordToLog = recorded }, cancellationToken);

    /// <summary>
    /// Continues a run stopped with its node (a cluster taking it up elsewhere) from its log folder, which must be
    /// readable here: its events first, then the resumed coordination's, appended to that folder (only its events when
    /// the log shows it ended). Null when the server writes no logs or the folder holds no run: the caller starts it over.
    /// </summary>
    public TeamRun? Resume(string folder, CoordinationControl control, CancellationToken cancellationToken)
    {
        StoppedRun stopped;
        try
        {
            stopped = StoppedRun.Open(folder, interruptedIsStopped: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }

        if (!_logging)
        {
            return null;
        }

        if (stopped.Checkpoint.IsFinished)
        {
            // It ended before its node could say so: its log is the whole run, nothing is run again.
            return new TeamRun(stopped.RunId, Logged(stopped.Log.Events));
        }

        // A recording that cannot be read costs only money: the finished turns still come back from the events.
        RunRecording? recording;
        try
        {
            recording = stopped.RecordingPath is { } path ? RunRecording.Load(path) : null;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            recording = null;
        }

        return Launch(
            stopped.RunId,
            stopped.Request() with { Control = control },
            stopped.Log.Events,
            plan => plan with { Resume = stopped, ResumeRecording = recording, RecordPath = recording is null ? null : stopped.RecordingPath },
            cancellationToken);
    }

    private static async IAsyncEnumerable<CoordinationEvent> Logged(IReadOnlyList<CoordinationEvent> events)
    {
        foreach (var coordinationEvent in events)
        {
            yield return coordinationEvent;
        }

        await Task.CompletedTask;
    }

    private TeamRun Launch(string runId, CoordinationRequest request, IReadOnlyList<CoordinationEvent> earlier, Func<RunPlan, RunPlan> adjust, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        foreach (var coordinationEvent in earlier)
        {
            events.Writer.TryWrite(coordinationEvent);
        }

        _ = Task.Run(() => RunAsync(runId, request, adjust, events.Writer, cancellationToken), CancellationToken.None);
        return new TeamRun(runId, events.Reader.ReadAllAsync(CancellationToken.None));
    }

    private async Task RunAsync(string runId, CoordinationRequest request, Func<RunPlan, RunPlan> adjust, ChannelWriter<CoordinationEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var team = _shared ?? await _loader.LoadAsync(_source, CancellationToken.None);
            try
            {
                if (!team.IsValid)
                {
                    throw new InvalidOperationException($"{_source.Description} cannot be used: {string.Join("; ", team.Errors)}");
                }

                var plan = new RunPlan
                {
                    Agents = team.Agents,
                    Options = team.Options,
                    Display = DisplayKind.Silent,
                    LoggingEnabled = _logging && team.LoggingEnabled,
                    RedactedConfig = team.RedactedConfig,
                    ReplayableConfig = team.ReplayableConfig,
                    Source = "serve: " + _source.Description,
                };
                await _executor.ExecuteAsync(adjust(plan), request, null, new RunTap(runId, events), cancellationToken);
            }
            finally
            {
                if (_shared is null)
                {
                    await team.DisposeAsync();
                }
            }

            events.TryComplete();
        }
#pragma warning disable CA1031 // Whatever stopped the run reaches the request as the event stream's error.
        catch (Exception error)
#pragma warning restore CA1031
        {
            events.TryComplete(error);
        }
    }

    /// <summary>Where a run's log goes, or null when the server writes none (--no-logs).</summary>
    public string? LogFolder(string runId) => _logging ? Path.Combine(_host.WorkingDirectory, ".massgen", "logs", runId) : null;

    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }
    }
}
