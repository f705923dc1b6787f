using System.Text.Json;

namespace MassGen.Cli.Team;

/// <summary>
/// Asks the local model servers on their default ports which models they serve. A server that does not answer within
/// the timeout counts as absent, so the probe never holds up the start by more than that.
/// </summary>
internal sealed class LocalServerProbe
{
    private readonly HttpMessageHandler? _handler;
    private readonly TimeSpan _timeout;

    public LocalServerProbe(HttpMessageHandler? handler, TimeSpan timeout)
    {
        _handler = handler;
        _timeout = timeout;
    }

    public static IReadOnlyList<LocalServer> Servers { get; } =
    [
        new("ollama", "Ollama", "http://127.0.0.1:11434", "/api/tags", "http://127.0.0.1:11434/v1"),
        new("lmstudio", "LM Studio", "http://127.0.0.1:1234", "/v1/models", "http://127.0.0.1:1234/v1"),
    ];

    /// <summary>Probes every known local server at once; one result per server that answered.</summary>
    public async Task<IReadOnlyList<LocalServerStatus>> ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var client = _handler is null ? new HttpClient() : new HttpClient(_handler, disposeHandler: false);
        client.Timeout = Timeout.InfiniteTimeSpan;
        var probes = Servers.Select(server => ProbeOneAsync(client, server, cancellationToken));
        var results = await Task.WhenAll(probes);
        return [.. results.OfType<LocalServerStatus>()];
    }

    private async Task<LocalServerStatus?> ProbeOneAsync(HttpClient client, LocalServer server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await client.GetAsync(new Uri(server.ProbeBase + server.ProbePath), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new LocalServerStatus(server, ReadModels(body));
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            // Nothing listening, too slow, or not the server we expected: not available.
            return null;
        }
    }

    private static IReadOnlyList<string> ReadModels(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;

        // Ollama lists {"models":[{"name":…}]}; OpenAI-compatible servers list {"data":[{"id":…}]}.
        if (root.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
        {
            return [.. models.EnumerateArray().Select(m => m.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>()];
        }

        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            return [.. data.EnumerateArray().Select(m => m.TryGetProperty("id", out var n) ? n.GetString() : null).OfType<string>()];
        }

        return [];
    }
}

/// <summary>A local server kind: backend type, name, where to probe, and the OpenAI-compatible base URL agents use.</summary>
internal sealed record LocalServer(string BackendType, string Name, string ProbeBase, string ProbePath, string BaseUrl);

/// <summary>A local server that answered, with the models it serves (possibly none).</summary>
internal sealed record LocalServerStatus(LocalServer Server, IReadOnlyList<string> Models);
