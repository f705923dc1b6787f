using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Cli.Recording;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Server.Telemetry;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Runs;

/// <summary>
/// Runs one coordination: the orchestrator's events go, in order, first to the run log and then to the display, which
/// owns the terminal until the last event. Afterwards the result is written (and printed as JSON when asked).
/// </summary>
internal sealed class RunExecutor
{
    // Model calls are instrumented (GenAI spans and metrics) only when something collects the spans: an OTLP export, or
    // an activity listener in a host that embeds this (a host with only a metrics listener gets no chat metrics).
    // Building the instrumentation costs a fresh process tens of milliseconds before its first request, and every
    // streamed update passes through it.
    private static readonly ActivitySource s_chatSpans = new(TelemetrySetup.ChatSourceName);

    // The longest the run log holds its first events while the first model calls are prepared (an agent whose first
    // call never comes, say one still starting its MCP servers, does not keep the log empty).
    private static readonly TimeSpan s_firstCallsHoldLimit = TimeSpan.FromSeconds(1);

    private readonly CliHost _host;
    private readonly string _massgenDirectory;
    private readonly HashSet<string> _usedRunIds = new(StringComparer.Ordinal);

    public RunExecutor(CliHost host, string massgenDirectory)
    {
        _host = host;
        _massgenDirectory = massgenDirectory;
    }

    /// <summary>Print error details (stack traces) and timings to standard error (<c>--debug</c>).</summary>
    public bool Debug { get; init; }

    /// <summary>Runs the plan. Cancelling <paramref name="stopToken"/> stops the run gracefully (best available answer, complete logs).</summary>
    public Task<RunOutcome> ExecuteAsync(RunPlan plan, CoordinationRequest request, string? sessionId, CancellationToken stopToken = default) =>
        ExecuteAsync(plan, request, sessionId, null, stopToken);

    /// <summary>
    /// Runs the plan; with a <paramref name="tap"/> (the server) the run has the tap's id, no display, and its events go
    /// to the tap as well, <see cref="RunFinished"/> last and only once the result is logged.
    /// </summary>
    public async Task<RunOutcome> ExecuteAsync(RunPlan plan, CoordinationRequest request, string? sessionId, RunTap? tap, CancellationToken stopToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // A served run's id is chosen by the server; otherwise the team's workspaces were made in the log folder of its
        // first run, and later runs (interactive turns) get new ids.
        var runId = plan.Resume?.RunId ?? tap?.RunId ?? (plan.RunId is { } teamRunId && _usedRunIds.Add(teamRunId) ? teamRunId : RunLogger.NewRunId(_host.TimeProvider));
        if (plan.Resume is { } stopped && plan.LoggingEnabled)
        {
            // The resumed run's events follow the stopped run's whole lines; a line cut short by the kill goes.
            RunLogger.CutTo(stopped.Directory, stopped.Log.WholeLength);
        }

        var captureContent = TelemetrySetup.CapturesContent(_host.EnvironmentVariables);
        // A resumed run writes on in its own log folder, wherever that is.
        var logsRoot = plan.Resume is { } resumed ? Path.GetDirectoryName(resumed.Directory)! : Path.Combine(_massgenDirectory, "logs");
        var logger = plan.LoggingEnabled ? RunLogger.Create(logsRoot, runId, _host.TimeProvider) : null;
        await using var _ = logger;
        // The per-call files are written in the run's pauses: the moments between a hop's results and its next
        // requests are the run's busiest.
        var activity = logger is not null && plan.RecordExchanges ? new RunActivity(_host.TimeProvider) : null;
        var callLog = activity is not null ? new CallLogWriter(activity) : null;
        var sources = new WebSources();
        var traced = TelemetrySetup.IsEnabled(_host.EnvironmentVariables) || s_chatSpans.HasListeners();
        var agents = plan.Agents.Select(a => a with { ChatClient = sources.Watch(a.Id, traced ? Instrument(a.ChatClient, captureContent) : a.ChatClient) }).ToList();
        var options = captureContent ? plan.Options with { CaptureTelemetryContent = true } : plan.Options;
        if (logger is not null)
        {
            if (callLog is not null)
            {
                agents = [.. agents.Select(a => a with { ChatClient = new RecordingChatClient(a.ChatClient, Path.Combine(logger.Directory, "agents", SafeFolderName(a.Id)), callLog) })];
            }

        }

        // Outermost, so the recording holds exactly what the engine sent and received.
        var recording = RunRecordingStart.Open(plan, request, runId, logger?.Directory, _massgenDirectory, _host.EnvironmentVariables, _host.TimeProvider);
        await using var __ = recording;
        if (recording is not null)
        {
            agents = [.. agents.Select(a => a with { ChatClient = new ExchangeRecorderChatClient(a.ChatClient, a.Id, recording, CallsBefore(plan.ResumeRecording, a.Id)) })];
        }

        agents = [.. StoppedRun.ReplayFinishedCalls(agents, plan.ResumeRecording)];
        var rehearses = _host.Rehearses && !traced;
        if (logger is not null || rehearses)
        {
            // Until every agent's first call has left, the log keeps its events in memory: writing the first one costs a
            // fresh process about a tenth of a second of CPU the first requests need. Once they wait for the network,
            // the log catches up and the rehearsal uses the time.
            logger?.HoldWrites(s_firstCallsHoldLimit);
            var inFlight = new FirstCallsInFlight(agents.Count, () =>
            {
                logger?.ReleaseWritesInBackground();
                if (rehearses && Rehearsal.StartOnce(plan.RehearsalBackends) is not null)
                {
                    _host.Timeline?.Mark("rehearsal started");
                }
            });
            agents = [.. agents.Select(a => a with { ChatClient = inFlight.Watch(a.ChatClient) })];
        }

        // A resumed run's log folder already describes it; a new run's description is written with its first events.
        if (logger is not null && plan.Resume is null)
        {
            var recordingPath = recording?.Path;
            logger.WriteDescription(
                () => RunInfo(plan, request, runId, sessionId, recordingPath),
                plan.RedactedConfig is { } config ? () => config.Value : null);
        }

        var view = new RunView();
        view.SeedAgents(plan.Agents.Select((a, i) => (a.Id, "?", a.ModelDescription)));
        foreach (var earlier in plan.Resume?.Log.Events ?? [])
        {
            // The display opens on the state the stopped run had reached.
            view.Apply(earlier);
        }

        // The live terminal view has an answer-now key; it steers the run through the request's control.
        if (tap is null && plan.Display == DisplayKind.RichTerminal && request.Control is null)
        {
            request = request with { Control = new CoordinationControl() };
        }

        var display = tap is null ? CreateDisplay(plan.Display, view, logger?.Directory, request.Control) : null;
        var channel = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // The display runs beside the event pump so a slow terminal never holds up the orchestrator or the log.
        var displayTask = display is null ? Task.CompletedTask : Task.Run(() => display.RunAsync(channel.Reader, CancellationToken.None), CancellationToken.None);
        CoordinationResult? result = null;
        RunFinished? last = null;
        Exception? failure = null;
        try
        {
            var events = plan.Resume is { } resume
                ? resume.Prepare(agents, options, _host.TimeProvider, request, stopToken)
                : (_host.CoordinationRunner ?? RunOrchestrator)(agents, options, request, stopToken);
            var timeline = _host.Timeline;
            timeline?.Mark("run starting");
            await foreach (var coordinationEvent in events)
            {
                timeline?.Observe(coordinationEvent);
                if (coordinationEvent is not (TextDelta or ReasoningDelta or FinalAnswerDelta))
                {
                    // Streamed text only means a model is talking; every other event is the engine at work.
                    activity?.Note();
                }

                logger?.Write(coordinationEvent);
                recording?.OnEvent();
                plan.Replay?.Sequencer.OnEvent(coordinationEvent);
                if (recording is not null && coordinationEvent is RunStarted started)
                {
                    RunRecordingStart.WriteSeed(recording, started.Seed);
                }

                channel.Writer.TryWrite(coordinationEvent);
                if (coordinationEvent is RunFinished finished)
                {
                    result = finished.Result;
                    last = finished;
                }
                else
                {
                    tap?.Events.TryWrite(coordinationEvent);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || stopToken.IsCancellationRequested)
        {
            failure = exception;
        }
        finally
        {
            channel.Writer.TryComplete();
            await displayTask;
            if (callLog is not null)
            {
                // Every call's file is on disk before the run reports its log folder.
                await callLog.DisposeAsync();
            }
        }

        if (recording?.FirstFailure is { } recordingFailure)
        {
            await _host.Error.WriteLineAsync($"warning: the recording {recording.Path} is incomplete ({recordingFailure}); the run itself is unaffected");
        }

        if (callLog?.FirstFailure is { } callLogFailure)
        {
            await _host.Error.WriteLineAsync($"warning: some per-call logs could not be written ({callLogFailure}); the run itself is unaffected");
        }

        if (failure is not null && failure is not OperationCanceledException)
        {
            await _host.Error.WriteLineAsync(Debug ? $"The run failed: {failure}" : $"The run failed: {failure.Message} (--debug shows the details)");
        }

        var exitCode = result is null && stopToken.IsCancellationRequested ? ExitCodes.Interrupted : RunOutcome.ExitCodeFor(result);
        if (result is not null)
        {
            var document = ResultDocument.Create(result, runId, logger?.Directory, sessionId, request.Task, sources, plan.FinalWorkspace?.Invoke(result.WinnerId));
            if (logger is not null)
            {
                await logger.WriteResultAsync(document, result.FinalAnswer, CancellationToken.None);
            }

            if (plan.Json)
            {
                await _host.Output.WriteLineAsync(ResultDocument.ToJson(document));
                await _host.Output.FlushAsync(CancellationToken.None);
            }
        }

        _host.Timeline?.Mark("result written");
        if (last is not null)
        {
            tap?.Events.TryWrite(last);
        }

        if (Debug)
        {
            await _host.Error.WriteLineAsync($"debug: run {runId} took {watch.ElapsedMilliseconds} ms; logs: {logger?.Directory ?? "off"}");
        }

        return new RunOutcome(result, exitCode, runId, logger?.Directory);
    }

    // Agent ids come from the user's config; a folder name must not climb out of the log folder.
    private static string SafeFolderName(string id) =>
        string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)) is var name && name is not ("." or "..") ? name : "_";

    /// <summary>
    /// The wrapper every agent's client gets whatever the run writes (web sources), for the rehearsal's clients, keeping
    /// sources nobody reads. The rehearsal runs only when nothing collects telemetry, so the telemetry wrapper, which
    /// the real agents then do not have either, is left out.
    /// </summary>
    internal static IChatClient WrapForRehearsal(IChatClient client) =>
        new WebSources().Watch(Wire.WireRehearsal.AgentId, client);

    // Microsoft.Extensions.AI's GenAI spans and metrics for each model call.
    private static IChatClient Instrument(IChatClient client, bool captureContent) =>
        client.AsBuilder().UseOpenTelemetry(sourceName: TelemetrySetup.ChatSourceName, configure: telemetry => telemetry.EnableSensitiveData = captureContent).Build();

    private IRunDisplay CreateDisplay(DisplayKind kind, RunView view, string? logDirectory, CoordinationControl? control) => kind switch
    {
        DisplayKind.RichTerminal => new RichTerminalDisplay(_host.Console, view, _host.TimeProvider, logDirectory, control),
        DisplayKind.Simple => new SimpleDisplay(_host.Console, view),
        _ => new SilentDisplay(_host.Console, view),
    };

    private IAsyncEnumerable<CoordinationEvent> RunOrchestrator(
        IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, CoordinationRequest request, CancellationToken cancellationToken) =>
        new Orchestrator(agents, options, _host.TimeProvider).RunAsync(request, cancellationToken);

    // Calls of this agent the stopped run recorded: new calls are numbered after them.
    private static int CallsBefore(RunRecording? recording, string agentId) =>
        recording?.Calls.Where(c => c.AgentId == agentId).Select(c => c.Number).DefaultIfEmpty(0).Max() ?? 0;

    // Everything `massgen resume` needs besides the events: the configuration (it loads again; keys come from the
    // environment), the session history the agents were shown, and where the recording is.
    private JsonObject RunInfo(RunPlan plan, CoordinationRequest request, string runId, string? sessionId, string? recordingPath) => new()
    {
        ["run_id"] = runId,
        ["started_at"] = _host.TimeProvider.GetUtcNow(),
        ["question"] = request.Task,
        ["history_turns"] = request.History.Count,
        ["history"] = new JsonArray([.. request.History.Select(t => (JsonNode?)new JsonObject { ["user"] = t.User, ["assistant"] = t.Assistant })]),
        ["config"] = plan.ReplayableConfig?.Value.DeepClone(),
        ["recording"] = recordingPath,
        ["session_id"] = sessionId,
        ["source"] = plan.Source,
        ["display"] = plan.Display.ToString(),
        ["working_directory"] = _host.WorkingDirectory,
        ["agents"] = new JsonArray([.. plan.Agents.Select(a => (JsonNode?)new JsonObject { ["id"] = a.Id, ["model"] = a.ModelDescription })]),
    };
}
