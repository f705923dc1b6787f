using System.Text.Json;
using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Endpoints;

/// <summary>
/// <c>GET /v1/runs/{id}/events</c>: a run's coordination events as server-sent events (<c>event:</c> the event type,
/// <c>data:</c> its JSON, <c>id:</c> a counter): for a live run everything so far, then as it happens, ending with
/// <c>run_finished</c>; for a past run its log, replayed. <c>GET /v1/runs</c> lists live and past runs;
/// <c>POST /v1/runs/{id}/answer-now</c> has a live run present its best answer so far.
/// </summary>
internal static class RunEventsEndpoint
{
    public static async Task<IResult> ListAsync(LiveRuns runs, RunLogs logs, IClusterRuns? cluster, CancellationToken cancellationToken)
    {
        var live = runs.All.OrderByDescending(r => r.StartedAt).ToList();
        var clusterRuns = cluster is null ? [] : await cluster.ListAsync(cancellationToken);
        // This node's live runs first, then the rest of the cluster's, then past runs of this node's log folder.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var data = live.Select(r => new RunListing(r.RunId, r.Model, "live", r.Question, r.StartedAt.ToString("O"), null))
            .Concat(clusterRuns.Select(r => new RunListing(r.Id, r.Model, r.Status, r.Question, r.StartedAt.ToString("O"), r.TerminationReason)))
            .Concat(logs.List().Select(p => new RunListing(p.Id, p.Source, p.Status, p.Question, p.StartedAt, p.TerminationReason)))
            .Where(r => listed.Add(r.Id))
            .ToList();
        return Results.Json(new
        {
            @object = "list",
            data = data.Select(r => new { id = r.Id, @object = "massgen.run", model = r.Model, status = r.Status, question = r.Question, started_at = r.StartedAt, termination_reason = r.TerminationReason }),
        });
    }

    public static IResult AnswerNow(LiveRuns runs, string id)
    {
        if (runs.Find(id) is not { } run || run.HasResult)
        {
            return NotFound(id);
        }

        run.Control.AnswerNow();
        return Results.Json(new { id, @object = "massgen.run", status = "live", answer_now = true }, statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task StreamAsync(HttpContext context, LiveRuns runs, RunLogs logs, IClusterRuns? cluster, string id)
    {
        if (runs.Find(id) is { } run)
        {
            await StreamLiveAsync(context, run);
        }
        else if (logs.EventsPath(id) is { } path)
        {
            await StreamLogAsync(context, path);
        }
        else if (cluster is not null && RunLogs.IsRunId(id) && await cluster.WatchAsync(id, context.RequestAborted) is { } elsewhere)
        {
            await StreamLinesAsync(context, elsewhere);
        }
        else
        {
            await NotFound(id).ExecuteAsync(context);
        }
    }

    private static IResult NotFound(string id) => OpenAiError.Result(
        StatusCodes.Status404NotFound,
        $"No run '{id}': it is neither under way nor in the run log folder (GET /v1/runs lists them).",
        "invalid_request_error",
        "run_not_found");

    private static async Task StreamLiveAsync(HttpContext context, LiveRun run)
    {
        var reader = run.Watch();
        try
        {
            await StartAsync(context);
            var sequence = 0;
            await foreach (var servedEvent in reader.ReadAllAsync(context.RequestAborted))
            {
                await WriteAsync(context, ++sequence, servedEvent.Type, servedEvent.Json);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The watcher left; the run goes on.
        }
        finally
        {
            run.Unwatch(reader);
        }
    }

    private static async Task StreamLogAsync(HttpContext context, string path)
    {
        using var file = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        await StreamLinesAsync(context, Lines(file, context.RequestAborted));
    }

    private static async IAsyncEnumerable<string> Lines(StreamReader file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await file.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    private static async Task StreamLinesAsync(HttpContext context, IAsyncEnumerable<string> lines)
    {
        try
        {
            await StartAsync(context);
            var sequence = 0;
            await foreach (var line in lines.WithCancellation(context.RequestAborted))
            {
                if (TypeOf(line) is { } type)
                {
                    await WriteAsync(context, ++sequence, type, line);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The watcher left.
        }
    }

    // A line cut short by a crash, or not an event, is skipped: the rest of the log still replays.
    private static string? TypeOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task StartAsync(HttpContext context)
    {
        EventStream.Begin(context.Response);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, int sequence, string type, string json)
    {
        await context.Response.WriteAsync($"id: {sequence}\nevent: {type}\ndata: {json}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private sealed record RunListing(string Id, string? Model, string Status, string Question, string? StartedAt, string? TerminationReason);
}
