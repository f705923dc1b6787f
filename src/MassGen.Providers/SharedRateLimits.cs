using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MassGen.Providers.Catalog;
using MassGen.Providers.Internal;
using Microsoft.Extensions.AI;

namespace MassGen.Providers;

/// <summary>
/// The rate limiters of provider keys: agents that call the same endpoint with the same key share one limiter of
/// requests per minute and one of estimated input tokens per minute, and a 429 with <c>Retry-After</c> pauses that key
/// for all of them. A limit is the first agent's setting for the key (<c>requests_per_minute</c>,
/// <c>tokens_per_minute</c>), or the provider's default.
/// </summary>
public sealed class SharedRateLimits
{
    private readonly ConcurrentDictionary<string, KeyRateLimiter> _keys = new(StringComparer.Ordinal);

    /// <summary>The limiters of this process.</summary>
    public static SharedRateLimits Process { get; } = new();

    /// <summary>Default requests per minute of a backend type; null means no limit (local servers, unknown tiers).</summary>
    public static int? DefaultRequestsPerMinute(string backendType) => backendType switch
    {
        "openai" or "azure_openai" => 500,
        "claude" => 50,
        "gemini" or "gemini_openai" => 150,
        "grok" => 480,
        _ => null,
    };

    /// <summary>The limiter of a key, created with these limits by its first user.</summary>
    internal KeyRateLimiter For(string endpoint, string? apiKey, int? requestsPerMinute, int? tokensPerMinute, TimeProvider timeProvider) =>
        _keys.GetOrAdd(KeyOf(endpoint, apiKey), _ => new KeyRateLimiter(requestsPerMinute, tokensPerMinute, timeProvider));

    internal IChatClient Wrap(IChatClient inner, BackendTypeInfo type, string endpoint, string? apiKey, BackendSettings settings, TimeProvider timeProvider)
    {
        var requests = settings.RequestsPerMinute ?? DefaultRequestsPerMinute(type.Type);
        var tokens = settings.TokensPerMinute;
        if (requests is null or 0 && tokens is null or 0)
        {
            return inner;
        }

        return new RateLimitedChatClient(inner, For(type.Type + " " + endpoint, apiKey, requests, tokens, timeProvider));
    }

    // The key itself is never kept: its hash tells keys apart.
    private static string KeyOf(string endpoint, string? apiKey) =>
        endpoint + " " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey ?? "")).AsSpan(0, 8));
}
