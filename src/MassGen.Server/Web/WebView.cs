using System.Reflection;
using System.Text.Json;
using MassGen.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Web;

/// <summary>
/// The live web view: one page (<c>/</c>, <c>/runs/{id}</c>) with its script and style sheet, shipped inside the
/// assembly, plus the markdown rendering it asks the server for. The page talks to the same endpoints as any client
/// (<c>/v1/runs</c>, <c>/v1/runs/{id}/events</c>, <c>/v1/models</c>).
/// </summary>
internal static class WebView
{
    // Scripts, styles and connections from this server only: even if something slipped past sanitizing, an inline
    // script or a foreign resource would not run or load.
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> s_assets = Load();

    /// <summary>True for the paths of the page and its files, which hold no data and need no key.</summary>
    public static bool IsPublic(PathString path) =>
        path == "/" || path.StartsWithSegments("/runs") || path.StartsWithSegments("/web");

    public static IResult Page(HttpContext context) => Asset(context, "index.html");

    public static IResult Asset(HttpContext context, string name)
    {
        if (!s_assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    /// <summary><c>POST /v1/markdown</c>, <c>{"text": "..."}</c>: the sanitized HTML, <c>{"html": "..."}</c>.</summary>
    public static async Task<IResult> RenderAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (!body.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return OpenAiError.Invalid("Send the markdown as {\"text\": \"...\"}.", "text");
            }

            return Results.Json(new { html = MarkdownRenderer.ToHtml(text.GetString()!) });
        }
        catch (JsonException exception)
        {
            return OpenAiError.Invalid($"The request body is not valid JSON: {exception.Message}");
        }
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["web/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }

        return assets;
    }
}
