using System.Text.Json.Nodes;
using System.Threading.Channels;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Runs;

/// <summary>
/// Runs one coordination: the orchestrator's events go, in order, first to the run log and then to the display, which
/// owns the terminal until the last event. Afterwards the result is written (and printed as JSON when asked).
/// </summary>
internal sealed class RunExecutor
{
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
    public async Task<RunOutcome> ExecuteAsync(RunPlan plan, CoordinationRequest request, string? sessionId, CancellationToken stopToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The team's workspaces were made in the log folder of its first run; later runs (interactive turns) get new ids.
        var runId = plan.RunId is { } teamRunId && _usedRunIds.Add(teamRunId) ? teamRunId : RunLogger.NewRunId(_host.TimeProvider);
        var logger = plan.LoggingEnabled ? RunLogger.Create(Path.Combine(_massgenDirectory, "logs"), runId, _host.TimeProvider) : null;
        await using var _ = logger;
        var sources = new WebSources();
        var agents = plan.Agents.Select(a => a with { ChatClient = sources.Watch(a.Id, a.ChatClient) }).ToList();
        if (logger is not null)
        {
            if (plan.RecordExchanges)
            {
                agents = [.. agents.Select(a => a with { ChatClient = new RecordingChatClient(a.ChatClient, Path.Combine(logger.Directory, "agents", SafeFolderName(a.Id))) })];
            }

            await logger.WriteRunInfoAsync(RunInfo(plan, request, runId, sessionId), CancellationToken.None);
            if (plan.RedactedConfig is { } config)
            {
                await logger.WriteResolvedConfigAsync(config, CancellationToken.None);
            }
        }

        var view = new RunView();
        view.SeedAgents(plan.Agents.Select((a, i) => (a.Id, "?", a.ModelDescription)));
        var display = CreateDisplay(plan.Display, view, logger?.Directory);
        var channel = Channel.CreateUnbounded<CoordinationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // The display runs beside the event pump so a slow terminal never holds up the orchestrator or the log.
        var displayTask = Task.Run(() => display.RunAsync(channel.Reader, CancellationToken.None), CancellationToken.None);
        CoordinationResult? result = null;
        Exception? failure = null;
        try
        {
            var runner = _host.CoordinationRunner ?? RunOrchestrator;
            await foreach (var coordinationEvent in runner(agents, plan.Options, request, stopToken))
            {
                logger?.Write(coordinationEvent);
                channel.Writer.TryWrite(coordinationEvent);
                if (coordinationEvent is RunFinished finished)
                {
                    result = finished.Result;
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

        if (Debug)
        {
            await _host.Error.WriteLineAsync($"debug: run {runId} took {watch.ElapsedMilliseconds} ms; logs: {logger?.Directory ?? "off"}");
        }

        return new RunOutcome(result, exitCode, runId, logger?.Directory);
    }

    // Agent ids come from the user's config; a folder name must not climb out of the log folder.
    private static string SafeFolderName(string id) =>
        string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)) is var name && name is not ("." or "..") ? name : "_";

    private IRunDisplay CreateDisplay(DisplayKind kind, RunView view, string? logDirectory) => kind switch
    {
        DisplayKind.RichTerminal => new RichTerminalDisplay(_host.Console, view, _host.TimeProvider, logDirectory),
        DisplayKind.Simple => new SimpleDisplay(_host.Console, view),
        _ => new SilentDisplay(_host.Console, view),
    };

    private IAsyncEnumerable<CoordinationEvent> RunOrchestrator(
        IReadOnlyList<AgentDefinition> agents, OrchestratorOptions options, CoordinationRequest request, CancellationToken cancellationToken) =>
        new Orchestrator(agents, options, _host.TimeProvider).RunAsync(request, cancellationToken);

    private JsonObject RunInfo(RunPlan plan, CoordinationRequest request, string runId, string? sessionId) => new()
    {
        ["run_id"] = runId,
        ["started_at"] = _host.TimeProvider.GetUtcNow(),
        ["question"] = request.Task,
        ["history_turns"] = request.History.Count,
        ["session_id"] = sessionId,
        ["source"] = plan.Source,
        ["display"] = plan.Display.ToString(),
        ["working_directory"] = _host.WorkingDirectory,
        ["agents"] = new JsonArray([.. plan.Agents.Select(a => (JsonNode?)new JsonObject { ["id"] = a.Id, ["model"] = a.ModelDescription })]),
    };
}
