using System.Collections;

namespace MassGen.Providers;

/// <summary>
/// What the provider factory takes from the outside world, passed in so tests stay hermetic: the environment (keys,
/// <c>PATH</c>), time, the HTTP handler and optional local-model support.
/// </summary>
public sealed record ProviderContext
{
    /// <summary>Environment variables (API keys, endpoints, <c>PATH</c> for <c>claude_code</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Clock for back-off delays and idle timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// HTTP handler under every SDK client; <c>null</c> uses one shared <see cref="SocketsHttpHandler"/>. The factory
    /// never disposes a handler given here.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Support for backend type <c>local</c>; <c>null</c> makes <c>local</c> a configuration error.</summary>
    public ILocalChatClientFactory? LocalModels { get; init; }

    /// <summary>
    /// The rate limiters agents on the same provider and key share; <c>null</c> uses the process-wide set, so every team
    /// of the process (a server's concurrent runs too) shares one limit per key.
    /// </summary>
    public SharedRateLimits? RateLimits { get; init; }

    /// <summary>Working directory for subprocess backends (<c>claude_code</c>); the current directory when <c>null</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>A context reading this process's environment variables.</summary>
    public static ProviderContext FromProcessEnvironment() => new() { Environment = ReadProcessEnvironment() };

    /// <summary>This process's environment variables as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string?> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
