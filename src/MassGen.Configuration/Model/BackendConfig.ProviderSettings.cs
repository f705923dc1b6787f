using System.Text.Json.Nodes;
using MassGen.Providers;

namespace MassGen.Configuration;

/// <summary>The mapping of a backend block onto the provider factory's settings.</summary>
public sealed partial record BackendConfig
{
    /// <summary>
    /// This block as the provider factory takes it: <c>reasoning</c>, <c>text.verbosity</c>, <c>context_size</c>,
    /// <c>threads</c> and <c>extra_headers</c> lifted out of the provider options, every other option passed through.
    /// <see cref="BackendSettings.ClaudeCode"/> is left for the caller, who knows the agent's workspace.
    /// </summary>
    public BackendSettings ToBackendSettings()
    {
        var backend = this;
        var extras = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        ReasoningSettings? reasoning = null;
        string? verbosity = null;
        int? contextSize = null;
        int? threads = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in backend.ProviderOptions)
        {
            switch (key)
            {
                case "reasoning" when value is JsonObject reasoningBlock:
                    reasoning = new ReasoningSettings(Text(reasoningBlock["effort"]), Text(reasoningBlock["summary"]));
                    break;
                case "text" when value is JsonObject textBlock && textBlock["verbosity"] is not null:
                    verbosity = Text(textBlock["verbosity"]);
                    break;
                case "context_size" or "n_ctx" when value is JsonValue size && size.TryGetValue<int>(out var n):
                    contextSize = n;
                    break;
                case "threads" when value is JsonValue count && count.TryGetValue<int>(out var t):
                    threads = t;
                    break;
                case "extra_headers" when value is JsonObject headerBlock:
                    foreach (var (name, header) in headerBlock)
                    {
                        headers[name] = Text(header) ?? string.Empty;
                    }

                    break;
                default:
                    extras[key] = value?.DeepClone();
                    break;
            }
        }

        return new BackendSettings(backend.Type)
        {
            Model = backend.Model,
            ApiKey = backend.ApiKey,
            BaseUrl = backend.BaseUrl is { } url ? ToUri(url) : null,
            Temperature = (float?)backend.Temperature,
            TopP = (float?)backend.TopP,
            MaxTokens = backend.MaxTokens,
            Store = backend.Store,
            Reasoning = reasoning,
            TextVerbosity = verbosity,
            EnableWebSearch = backend.EnableWebSearch,
            EnableCodeExecution = backend.EnableCodeExecution,
            EnableCodeInterpreter = backend.EnableCodeInterpreter,
            Price = backend.Price is { } price
                ? new ModelPrice(price.InputPerMillion, price.OutputPerMillion, price.CachedInputPerMillion)
                {
                    CacheWriteInputPerMillion = price.CacheWriteInputPerMillion,
                }
                : null,
            AdditionalProperties = extras,
            ContextSize = backend.ContextSize ?? contextSize,
            Threads = backend.Threads ?? threads,
            IdleTimeout = backend.IdleTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxRetries = backend.MaxRetries,
            RequestsPerMinute = backend.RequestsPerMinute,
            TokensPerMinute = backend.TokensPerMinute,
            ExtraHeaders = headers,
        };
    }

    // A text that is no URL at all still reaches the validator, which says what is wrong with it.
    private static Uri ToUri(string url) =>
        Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri(Uri.EscapeDataString(url), UriKind.Relative);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
