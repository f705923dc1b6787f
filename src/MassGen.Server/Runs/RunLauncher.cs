using System.Text.Json;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Teams;
using MassGen.Server.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MassGen.Server.Runs;

/// <summary>
/// <c>POST /v1/runs</c> (the web view's new-run form): starts a team run that belongs to no request, answers with its
/// id as soon as the run has one, and keeps it going in the background until it ends or the server stops. It is
/// logged and watched exactly as an API run is.
/// </summary>
internal sealed partial class RunLauncher(MassGenServerOptions options, LiveRuns runs, RunPermits permits, IHostApplicationLifetime lifetime, ILogger<RunLauncher> logger)
{
    public const int MaxTaskLength = 100_000;

    public async Task<IResult> StartAsync(HttpContext context)
    {
        string? model;
        string? task;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            model = body.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            task = body.RootElement.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException exception)
        {
            return OpenAiError.Invalid($"The request body is not valid JSON: {exception.Message}");
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return OpenAiError.Invalid("Name the team to run in 'model' (GET /v1/models lists them).", "model");
        }

        if (string.IsNullOrWhiteSpace(task) || task.Length > MaxTaskLength)
        {
            return OpenAiError.Invalid($"Give the question or task in 'task' (1 to {MaxTaskLength} characters).", "task");
        }

        if (!options.Teams.TryGetValue(model, out var team))
        {
            return OpenAiError.ModelNotFound(model);
        }

        var permit = permits.TryAcquire();
        if (permit is null)
        {
            return permits.Refusal();
        }

        var started = new TaskCompletionSource<LiveRun?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Released once, at run_finished or else when the run ends.
        var released = 0;
        void ReleasePermit()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                permit.Dispose();
            }
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(team, model, task, ReleasePermit, started);
            }
            finally
            {
                ReleasePermit();
            }
        }, CancellationToken.None);

        var live = await started.Task.WaitAsync(context.RequestAborted);
        return live is null
            ? OpenAiError.Result(StatusCodes.Status500InternalServerError, "The run could not start; the server's log says why.", "server_error", null)
            : Results.Json(new { id = live.RunId, @object = "massgen.run", model, status = "live" }, statusCode: StatusCodes.Status201Created);
    }

    private async Task RunAsync(IChatClient team, string model, string task, Action releasePermit, TaskCompletionSource<LiveRun?> started)
    {
        var control = new CoordinationControl();
        var chatOptions = new ChatOptions { ModelId = model, AdditionalProperties = new() { [TeamChatOptions.IncludeEvents] = true, [TeamChatOptions.Control] = control } };
        LiveRun? live = null;
        try
        {
            await foreach (var update in team.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, task)], chatOptions, lifetime.ApplicationStopping))
            {
                if (live is null)
                {
                    live = runs.Start(update.ResponseId ?? Guid.NewGuid().ToString("N"), model, task, options.TimeProvider.GetUtcNow(), control);
                    LogRunStarted(live.RunId, model);
                    started.TrySetResult(live);
                }

                if (update.RawRepresentation is CoordinationEvent coordinationEvent)
                {
                    if (coordinationEvent is RunFinished)
                    {
                        // The run's permit goes before anyone can see it finish: a watcher that starts the next run on
                        // reading run_finished must find the place free.
                        releasePermit();
                    }

                    live.Publish(TeamRequestRunner.Serve(coordinationEvent));
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The server is stopping; the run was stopped gracefully and its log is complete.
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A run without an answer still finished (its run_finished event says why); anything else is logged.
            if (failure is not TeamRunFailedException)
            {
                LogRunFailed(live?.RunId, model, failure.ToString());
            }
        }
        finally
        {
            started.TrySetResult(live);
            if (live is not null)
            {
                runs.End(live);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId} started for team {Model} from the web view")]
    private partial void LogRunStarted(string runId, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId} of team {Model} failed: {Error}")]
    private partial void LogRunFailed(string? runId, string model, string error);
}
