using System.Security.Cryptography;
using System.Text;
using MassGen.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Security;

/// <summary>
/// With an API key configured, every request must carry <c>Authorization: Bearer &lt;key&gt;</c>; without one (only
/// allowed on loopback), any token or none is accepted, since OpenAI clients always send something.
/// </summary>
internal sealed class BearerTokenCheck(string? apiKey)
{
    private readonly byte[]? _key = string.IsNullOrEmpty(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_key is null || IsAuthorized(context.Request.Headers.Authorization.ToString()))
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

        // Equal-length hashes compared in constant time: neither the key's length nor its prefix leaks through timing.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(_key!));
    }
}
