using System.Text.Json;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Teams;
using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MassGen.Server.Endpoints;

/// <summary>
/// One team run per request, whatever OpenAI format the request came in (<c>POST /v1/chat/completions</c>,
/// <c>POST /v1/responses</c>): the format's parser reads the request and its writer answers, streamed (server-sent
/// events) or not. The run id is in the <c>X-MassGen-Run-Id</c> header; the run's events go to the live run registry
/// and, when the request asks for progress, to the writer.
/// </summary>
internal sealed partial class TeamRequestRunner(MassGenServerOptions options, LiveRuns runs, RunPermits permits, IHostApplicationLifetime lifetime, ILogger<TeamRequestRunner> logger)
{
    public const string RunIdHeader = "X-MassGen-Run-Id";
    public const string IgnoredHeader = "X-MassGen-Ignored-Parameters";

    /// <summary>Runs the team a request names and answers through the writer its format makes.</summary>
    public async Task HandleAsync(HttpContext context, TeamRequestParser parse, TeamResponseWriterFactory createWriter)
    {
        // A client that leaves, or the server shutting down, stops the run gracefully: complete logs, no half-written state.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        var (request, error) = await ReadAsync(context, parse);
        if (error is not null)
        {
            await error.ExecuteAsync(context);
            return;
        }

        if (!options.Teams.TryGetValue(request!.Model, out var team))
        {
            await OpenAiError.ModelNotFound(request.Model).ExecuteAsync(context);
            return;
        }

        // A run holds its permit until it has ended; beyond the limit a request is turned away at once, not queued.
        using var permit = permits.TryAcquire();
        if (permit is null)
        {
            await permits.Refusal().ExecuteAsync(context);
            return;
        }

        if (request.Ignored.Count > 0)
        {
            context.Response.Headers[IgnoredHeader] = string.Join(",", request.Ignored);
        }

        var control = new CoordinationControl();
        var chatOptions = new ChatOptions { ModelId = request.Model, AdditionalProperties = new() { [TeamChatOptions.IncludeEvents] = true, [TeamChatOptions.Control] = control } };
        var response = createWriter(context, request, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        LiveRun? live = null;
        try
        {
            await foreach (var update in team.GetStreamingResponseAsync(request.Messages, chatOptions, cancellationToken))
            {
                if (live is null)
                {
                    live = runs.Start(update.ResponseId ?? Guid.NewGuid().ToString("N"), request.Model, request.Messages[^1].Text, options.TimeProvider.GetUtcNow(), control);
                    LogRunStarted(live.RunId, request.Model, request.Stream);
                    await response.StartAsync(live.RunId);
                }

                if (update.RawRepresentation is CoordinationEvent coordinationEvent)
                {
                    var served = Serve(coordinationEvent);
                    live.Publish(served);
                    if (request.Progress && coordinationEvent is not FinalAnswerDelta)
                    {
                        await response.ProgressAsync(served);
                    }
                }

                await response.AddAsync(update);
            }

            await response.FinishAsync();
            LogRunFinished(live?.RunId, request.Model);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the run was stopped gracefully (its log is complete) and nobody is listening.
            LogClientLeft(live?.RunId, request.Model);
        }
        catch (TeamRunFailedException failure)
        {
            LogRunFailed(live?.RunId, request.Model, failure.Message);
            await response.FailAsync(StatusCodes.Status502BadGateway, failure.Message, "server_error", "team_no_answer");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogRunFailed(live?.RunId, request.Model, failure.ToString());
            await response.FailAsync(StatusCodes.Status500InternalServerError, $"The run failed: {failure.Message}", "server_error", null);
        }
        finally
        {
            if (live is not null)
            {
                runs.End(live);
            }
        }
    }

    internal static ServedEvent Serve(CoordinationEvent coordinationEvent) =>
        new(ServerJson.TypeName(coordinationEvent), JsonSerializer.Serialize(coordinationEvent, ServerJson.Events), coordinationEvent is RunFinished);

    private async Task<(TeamRequest? Request, IResult? Error)> ReadAsync(HttpContext context, TeamRequestParser parse)
    {
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            // The connection closes after the answer: the client may still be sending what was not read.
            context.Response.Headers.Connection = "close";
            return (null, TooLarge());
        }

        try
        {
            using var document = JsonDocument.Parse(body.Value);
            var (request, problem, param) = parse(document.RootElement);
            return problem is null ? (request, null) : (null, OpenAiError.Invalid(problem, param));
        }
        catch (JsonException exception)
        {
            return (null, OpenAiError.Invalid($"The request body is not valid JSON: {exception.Message}"));
        }
    }

    /// <summary>
    /// The body, or null when it is over the limit. An oversized body is still read to its end (up to Kestrel's hard
    /// cap, a few times the limit) and dropped, so the client, still sending, gets the 413 instead of a reset connection.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        var limit = options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > DrainCap(limit))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = false;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                tooLarge |= buffer.Length + read > limit;
                if (!tooLarge)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        if (tooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>Kestrel's own limit: how much of an oversized body is read and dropped before the connection is cut.</summary>
    internal static long DrainCap(long limit) => (limit * 4) + (64 * 1024);

    private IResult TooLarge() => OpenAiError.Result(
        StatusCodes.Status413PayloadTooLarge,
        $"The request body is larger than this server accepts ({options.MaxRequestBodyBytes} bytes; massgen serve --max-body-bytes raises it).",
        "invalid_request_error",
        "request_too_large");

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId} started for team {Model} (stream: {Stream})")]
    private partial void LogRunStarted(string runId, string model, bool stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId} of team {Model} answered")]
    private partial void LogRunFinished(string? runId, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId} of team {Model}: the client disconnected, the run was stopped")]
    private partial void LogClientLeft(string? runId, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId} of team {Model} failed: {Error}")]
    private partial void LogRunFailed(string? runId, string model, string error);
}
