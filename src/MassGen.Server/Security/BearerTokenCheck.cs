using System.Security.Cryptography;
using System.Text;
using MassGen.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Security;

/// <summary>
/// With an API key configured, every request must carry <c>Authorization: Bearer &lt;key&gt;</c>; without one (only
/// allowed on loopback), any token or none is accepted, since OpenAI clients always send something. A browser, which
/// cannot send a header with server-sent events, presents the key once at <c>POST /v1/web-login</c> and then carries
/// it in an HTTP-only, same-site cookie. The web view's page and files hold no data and need no key.
/// </summary>
internal sealed class BearerTokenCheck(string? apiKey)
{
    public const string CookieName = "massgen_key";
    public const string LoginPath = "/v1/web-login";

    private readonly byte[]? _key = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_key is null || Web.WebView.IsPublic(context.Request.Path) || context.Request.Path == LoginPath
            || IsAuthorized(context.Request.Headers.Authorization.ToString())
            || (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie)))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await OpenAiError.WriteAsync(context, StatusCodes.Status401Unauthorized, "Incorrect or missing API key: send the server's key as 'Authorization: Bearer <key>'.", "invalid_request_error", "invalid_api_key");
    }

    /// <summary>
    /// The partition key for rate limits: the client's address. Not the token: on loopback without a key any token is
    /// accepted, so a client could pick a new one per request.
    /// </summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private bool IsAuthorized(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Matches(header[7..].Trim());
    }

    /// <summary><c>POST /v1/web-login</c>, <c>{"key": "..."}</c>: the right key gets the cookie, a wrong one 401.</summary>
    public async Task<IResult> LoginAsync(HttpRequest request, HttpResponse response)
    {
        string? key = null;
        try
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            key = body.RootElement.TryGetProperty("key", out var k) && k.ValueKind == System.Text.Json.JsonValueKind.String ? k.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Treated as no key.
        }

        if (_key is not null && (key is null || !Matches(key)))
        {
            return OpenAiError.Result(StatusCodes.Status401Unauthorized, "Incorrect API key: give the key the server was started with (--api-key or MASSGEN_SERVER_API_KEY).", "invalid_request_error", "invalid_api_key");
        }

        if (_key is not null)
        {
            response.Cookies.Append(CookieName, key!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
        }

        return Results.NoContent();
    }

    private bool Matches(string presentedKey)
    {
        // Equal-length hashes compared in constant time: neither the key's length nor its prefix leaks through timing.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(_key!));
    }
}
