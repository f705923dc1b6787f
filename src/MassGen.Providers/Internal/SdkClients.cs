using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Anthropic;
using MassGen.Providers.Catalog;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MassGen.Providers.Internal;

/// <summary>The provider's own SDK client for each wire protocol, with the SDK's retries and timeouts switched off.</summary>
internal static class SdkClients
{
    private static readonly Lazy<SocketsHttpHandler> s_sharedHandler = new(() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    });

    public static IChatClient Create(string agentId, BackendTypeInfo type, string model, Uri endpoint, string? apiKey, BackendSettings settings, ProviderContext context)
    {
        var anthropic = type.Protocol == WireProtocol.AnthropicMessages;
        var headers = new Dictionary<string, string>(settings.ExtraHeaders, StringComparer.OrdinalIgnoreCase);
        if (type.Protocol == WireProtocol.AzureOpenAI && apiKey is not null)
        {
            headers["api-key"] = apiKey;
        }

        var patch = PromptCaching.WithPromptCacheKey(RequestBodyPatch.Build(type, settings), type, agentId);
        var handler = new ProviderHttpHandler(context.HttpHandler ?? s_sharedHandler.Value, patch, RequestBodyPatch.Renames(type, settings), headers, moveBearerToApiKeyHeader: anthropic)
        {
            Transform = anthropic ? PromptCaching.MarkAnthropicBreakpoints : null,
        };

        // disposeHandler: false, so a shared or caller-owned handler below ours is never disposed with one agent's client.
        var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        return anthropic
            ? CreateAnthropic(model, endpoint, apiKey, settings, http)
            : CreateOpenAI(type, model, endpoint, apiKey, http);
    }

    // Each SDK in a method of its own: a method that names an SDK's types loads that SDK's assembly (the Anthropic one
    // is large) when it is compiled or first entered, so an OpenAI-compatible team never loads the Anthropic SDK.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IChatClient CreateAnthropic(string model, Uri endpoint, string? apiKey, BackendSettings settings, HttpClient http)
    {
        var client = new AnthropicClient(new Anthropic.Core.ClientOptions
        {
            ApiKey = apiKey ?? "",
            BaseUrl = AnthropicBaseUrl(endpoint),
            MaxRetries = 0,
            Timeout = TimeSpan.FromDays(1),
            HttpClient = http,
        });
        return client.AsIChatClient(model, settings.MaxTokens ?? 4096);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IChatClient CreateOpenAI(BackendTypeInfo type, string model, Uri endpoint, string? apiKey, HttpClient http)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = type.Protocol == WireProtocol.AzureOpenAI ? AzureEndpoint(endpoint) : endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };

        // Local servers accept any key but the SDK insists on one: they conventionally get "EMPTY".
        var openAi = new OpenAIClient(new ApiKeyCredential(apiKey ?? "EMPTY"), options);

        // The Responses client is marked experimental in the SDK; PROVIDERS.md makes it the openai type's protocol.
#pragma warning disable OPENAI001
        return type.Protocol == WireProtocol.OpenAIResponses
            ? openAi.GetResponsesClient().AsIChatClient(model)
            : openAi.GetChatClient(model).AsIChatClient();
#pragma warning restore OPENAI001
    }

    /// <summary>Our own Gemini client over an <see cref="HttpClient"/> whose handler maps error responses.</summary>
    public static IChatClient CreateGemini(Gemini.GeminiClientSettings settings, IReadOnlyDictionary<string, string> extraHeaders, ProviderContext context)
    {
        var handler = new ProviderHttpHandler(context.HttpHandler ?? s_sharedHandler.Value, null, new Dictionary<string, string>(), extraHeaders, moveBearerToApiKeyHeader: false);
        return new Gemini.GeminiChatClient(new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, settings);
    }

    /// <summary>
    /// The Anthropic SDK adds <c>/v1/messages</c> itself, so a base URL copied from OpenAI-style configs with a trailing
    /// <c>/v1</c> would reach <c>/v1/v1/messages</c>: the suffix is dropped.
    /// </summary>
    private static string AnthropicBaseUrl(Uri endpoint)
    {
        var url = endpoint.ToString().TrimEnd('/');
        return url.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? url[..^3] : url;
    }

    /// <summary>Azure OpenAI's v1 API lives under <c>/openai/v1/</c> of the resource endpoint.</summary>
    private static Uri AzureEndpoint(Uri endpoint) =>
        endpoint.AbsolutePath.Contains("/openai", StringComparison.OrdinalIgnoreCase)
            ? endpoint
            : new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/openai/v1/");
}
