using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Endpoints;

/// <summary>The headers of a server-sent event stream that reaches the client piece by piece, proxies included.</summary>
internal static class EventStream
{
    public static void Begin(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";

        // Reverse proxies (nginx) buffer responses by default, which would hold the answer back until the end.
        response.Headers["X-Accel-Buffering"] = "no";
    }
}
