using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MassGen.Providers.Gemini;

/// <summary>
/// A backend block's Gemini-specific parts: reasoning as <c>thinkingConfig</c>, and pass-through keys sorted into the
/// request body or <c>generationConfig</c> under the API's names (snake_case keys of the original configs are
/// accepted: <c>top_k</c> becomes <c>generationConfig.topK</c>).
/// </summary>
public static class GeminiBackendMapping
{
    private static readonly HashSet<string> s_generationFields = new(StringComparer.Ordinal)
    {
        "topK", "candidateCount", "presencePenalty", "frequencyPenalty", "seed", "responseMimeType", "responseSchema",
        "responseJsonSchema", "responseModalities", "responseLogprobs", "logprobs", "mediaResolution", "speechConfig",
        "thinkingConfig", "imageConfig", "enableEnhancedCivicAnswers", "stopSequences",
    };

    private static readonly HashSet<string> s_requestFields = new(StringComparer.Ordinal)
    {
        "safetySettings", "cachedContent", "toolConfig", "labels", "generationConfig",
    };

    /// <summary>
    /// True when <paramref name="key"/> (snake_case or camelCase) is a field of the Gemini API's request or its
    /// <c>generationConfig</c>, so a configuration may pass it through without a warning.
    /// </summary>
    public static bool IsKnownField(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = CamelCase(key);
        return s_generationFields.Contains(name) || s_requestFields.Contains(name);
    }

    internal static GeminiClientSettings Create(string model, Uri baseUrl, string? apiKey, BackendSettings settings)
    {
        var request = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var generation = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in settings.AdditionalProperties)
        {
            if (key == "extra_body" && value is JsonObject extra)
            {
                foreach (var (name, field) in extra)
                {
                    request[name] = Element(field);
                }

                continue;
            }

            var camel = CamelCase(key);
            if (camel == "generationConfig" && value is JsonObject config)
            {
                foreach (var (name, field) in config)
                {
                    generation[CamelCase(name)] = Element(field);
                }
            }
            else if (s_generationFields.Contains(camel))
            {
                generation[camel] = Element(value);
            }
            else
            {
                request[s_requestFields.Contains(camel) ? camel : key] = Element(value);
            }
        }

        return new GeminiClientSettings(model, baseUrl, apiKey)
        {
            Thinking = Thinking(model, settings.Reasoning),
            RequestFields = request,
            GenerationFields = generation,
        };
    }

    /// <summary>
    /// <c>reasoning.effort</c> as Gemini 3's <c>thinkingLevel</c> or Gemini 2.5's <c>thinkingBudget</c>; thought
    /// summaries are asked for on every thinking model unless <c>reasoning.summary</c> is <c>none</c>.
    /// </summary>
    internal static GeminiThinkingConfig? Thinking(string model, ReasoningSettings? reasoning)
    {
        var effort = reasoning?.Effort?.ToLowerInvariant();
        var summaries = reasoning?.Summary?.ToLowerInvariant() != "none";
        if (!GeminiModels.Thinks(model) && effort is null)
        {
            return null;
        }

        var config = new GeminiThinkingConfig { IncludeThoughts = summaries && effort != "none" ? true : null };
        if (GeminiModels.UsesThinkingLevel(model))
        {
            config.ThinkingLevel = effort switch
            {
                null => null,
                "none" or "minimal" => "minimal",
                "low" => "low",
                "medium" => "medium",
                _ => "high",
            };
        }
        else
        {
            config.ThinkingBudget = effort switch
            {
                null => null,
                "none" => 0,
                "minimal" => 512,
                "low" => 1024,
                "medium" => 8192,
                "high" => 24576,
                _ => -1,
            };
        }

        return config is { IncludeThoughts: null, ThinkingLevel: null, ThinkingBudget: null } ? null : config;
    }

    /// <summary><c>top_k</c> → <c>topK</c>; names without underscores are kept.</summary>
    internal static string CamelCase(string key)
    {
        if (!key.Contains('_', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        var upper = false;
        foreach (var c in key)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static JsonElement Element(JsonNode? node) =>
        node is null ? JsonDocument.Parse("null").RootElement.Clone() : JsonSerializer.SerializeToElement(node, GeminiJsonContext.Default.JsonNode);
}
