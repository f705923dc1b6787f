using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Endpoints;

/// <summary>
/// <c>GET /v1/runs/{id}/events</c>: a live run's coordination events as server-sent events (<c>event:</c> the event
/// type, <c>data:</c> its JSON, <c>id:</c> its sequence number): first everything so far, then as it happens, ending
/// with <c>run_finished</c>. <c>GET /v1/runs</c> lists the live runs.
/// </summary>
internal static class RunEventsEndpoint
{
    public static IResult List(LiveRuns runs) => Results.Json(new
    {
        @object = "list",
        data = runs.All.Select(r => new { id = r.RunId, @object = "massgen.run", model = r.Model }),
    });

    public static async Task StreamAsync(HttpContext context, LiveRuns runs, string id)
    {
        if (runs.Find(id) is not { } run)
        {
            await OpenAiError.WriteAsync(context, StatusCodes.Status404NotFound, $"No live run '{id}': it has finished or never existed (finished runs are in the run logs).", "invalid_request_error", "run_not_found");
            return;
        }

        var reader = run.Watch();
        try
        {
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var sequence = 0;
            await foreach (var servedEvent in reader.ReadAllAsync(context.RequestAborted))
            {
                sequence++;
                await context.Response.WriteAsync($"id: {sequence}\nevent: {servedEvent.Type}\ndata: {servedEvent.Json}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
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
}
