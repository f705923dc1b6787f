using MassGen.Testing;
using MassGen.Providers.Catalog;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>A fake provider server, a controllable clock, and a factory pointing any backend type at the server.</summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-key";

    private readonly List<ProviderClient> _clients = [];

    private ProviderHarness(FakeProviderServer server) => Server = server;

    public FakeProviderServer Server { get; }

    public SignallingTimeProvider Time { get; } = new();

    /// <summary>Every backend type reached over HTTP (all but local and claude_code).</summary>
    public static TheoryData<string> HttpTypes => [.. ProviderCatalog.All
        .Where(t => t.Protocol is not (WireProtocol.LocalGguf or WireProtocol.ClaudeCodeCli))
        .Select(t => t.Type)];

    public static async Task<ProviderHarness> StartAsync()
    {
        var server = await FakeProviderServer.StartAsync();
        server.RequiredApiKey = ApiKey;
        return new ProviderHarness(server);
    }

    public static string ModelFor(string type) => $"model-{type}";

    public ProviderClient Create(string type, Func<BackendSettings, BackendSettings>? configure = null, string agentId = "agent-under-test")
    {
        var info = ProviderCatalog.Find(type)!;
        var settings = new BackendSettings(type)
        {
            Model = ModelFor(type),
            ApiKey = ApiKey,
            BaseUrl = info.Protocol switch
            {
                WireProtocol.AnthropicMessages or WireProtocol.AzureOpenAI => Server.BaseUrl,
                WireProtocol.Gemini => Server.GeminiBaseUrl,
                _ => Server.OpenAIBaseUrl,
            },
            Price = new ModelPrice(2m, 8m, 0.5m),
        };
        var client = ProviderFactory.Create(agentId, configure?.Invoke(settings) ?? settings, new ProviderContext { TimeProvider = Time });
        _clients.Add(client);
        return client;
    }

    public static async Task<List<ChatResponseUpdate>> StreamAsync(ProviderClient client, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options ?? client.ChatOptions, cancellationToken))
        {
            updates.Add(update);
        }

        return updates;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }
}
