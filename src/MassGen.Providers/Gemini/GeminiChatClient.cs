using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Gemini;

/// <summary>
/// The Gemini API itself as an <see cref="IChatClient"/>: <c>models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c>, the key in <c>x-goog-api-key</c>. The <see cref="HttpClient"/> is given
/// (its handler turns error statuses into provider errors); bodies go through source-generated contracts and the
/// stream through <see cref="SseParser"/>.
/// </summary>
internal sealed class GeminiChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly HttpClient _http;
    private readonly GeminiClientSettings _settings;
    private readonly ChatClientMetadata _metadata;
    private readonly string _modelPath;

    public GeminiChatClient(HttpClient http, GeminiClientSettings settings)
    {
        _http = http;
        _settings = settings;
        var model = settings.Model.StartsWith("models/", StringComparison.Ordinal) ? settings.Model["models/".Length..] : settings.Model;
        _modelPath = settings.BaseUrl.ToString().TrimEnd('/') + "/models/" + Uri.EscapeDataString(model);
        _metadata = new ChatClientMetadata("gemini", settings.BaseUrl, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(messages, options, ":generateContent");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var answer = JsonSerializer.Deserialize(body, GeminiJsonContext.Default.GeminiResponse)
            ?? throw new JsonException("The Gemini answer was the JSON value null.");
        var reader = new GeminiResponseReader(_settings.Model);
        return new[] { reader.Read(answer), reader.Finish() }.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(messages, options, ":streamGenerateContent?alt=sse");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new GeminiResponseReader(_settings.Model);
            var parser = SseParser.Create(stream, static (_, data) => JsonSerializer.Deserialize(data, GeminiJsonContext.Default.GeminiResponse));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is null)
                {
                    continue;
                }

                var update = reader.Read(item.Data);
                if (update.Contents.Count > 0)
                {
                    yield return update;
                }
            }

            yield return reader.Finish();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string method)
    {
        var body = GeminiRequestBuilder.Build(messages, options, _settings);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, GeminiJsonContext.Default.GeminiRequest));
        content.Headers.ContentType = s_json;
        var request = new HttpRequestMessage(HttpMethod.Post, _modelPath + method) { Content = content };
        if (_settings.ApiKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
        }

        return request;
    }
}
