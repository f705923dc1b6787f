using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Tests;

/// <summary>A server on 127.0.0.1 at a free port with an HTTP client for it.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private ServerHarness(MassGenServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.OpenAIBaseUrl };
    }

    public MassGenServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<ServerHarness> StartAsync(IChatClient team, Func<MassGenServerOptions, MassGenServerOptions>? configure = null)
    {
        var options = new MassGenServerOptions { Teams = new Dictionary<string, IChatClient> { ["held"] = team }, Port = 0 };
        return new ServerHarness(await MassGenServer.StartAsync(configure?.Invoke(options) ?? options));
    }

    public static StringContent Chat(string model = "held", bool stream = false, string question = "Question?") =>
        new(new JsonObject
        {
            ["model"] = model,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        }.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>A Responses API request for the team.</summary>
    public static StringContent Responses(string model = "held", bool stream = false, string question = "Question?") =>
        new(new JsonObject { ["model"] = model, ["stream"] = stream, ["input"] = question }.ToJsonString(), Encoding.UTF8, "application/json");

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpContent content, string? token = null, string path = "chat/completions")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || text.StartsWith("data:", StringComparison.Ordinal) || text.StartsWith("event:", StringComparison.Ordinal) ? null : JsonNode.Parse(text), response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
