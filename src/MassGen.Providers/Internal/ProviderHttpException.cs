using System.Net;

namespace MassGen.Providers.Internal;

/// <summary>
/// Thrown by <see cref="ProviderHttpHandler"/> below every SDK, so status, <c>Retry-After</c> and the provider's own
/// message are read the same way whatever SDK wraps the failure.
/// </summary>
internal sealed class ProviderHttpException : Exception
{
    public ProviderHttpException(HttpStatusCode? statusCode, string providerMessage, TimeSpan? retryAfter, Exception? inner = null)
        : base(statusCode is { } s ? $"HTTP {(int)s}: {providerMessage}" : providerMessage, inner)
    {
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, or <c>null</c> when no response arrived (connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error message (from its JSON error body), or the transport's.</summary>
    public string ProviderMessage { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Failures worth retrying: no response at all, 408, 409 (OpenAI's "try again"), 429 and 5xx.</summary>
    public bool IsTransient => StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
        or HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;
}
