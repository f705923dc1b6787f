using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>
/// The fields added to every request body: settings the SDK adapters have no option for or drop (verbosity, the
/// exact reasoning effort and summary, Grok live search, Anthropic sampling) and every pass-through key of the configuration.
/// </summary>
internal static class RequestBodyPatch
{
    /// <summary>
    /// Field renames applied before the merge. The OpenAI SDK writes <c>max_completion_tokens</c>, which OpenAI's own
    /// services take; compatible servers (vLLM, SGLang, Ollama, Mistral, Groq…) all take the older <c>max_tokens</c>,
    /// and some reject the newer name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Renames(BackendTypeInfo type, BackendSettings settings) =>
        type.Protocol == WireProtocol.ChatCompletions && settings.BaseUrl?.Host != "api.openai.com"
            ? new Dictionary<string, string> { ["max_completion_tokens"] = "max_tokens" }
            : new Dictionary<string, string>();

    public static JsonObject? Build(BackendTypeInfo type, BackendSettings settings)
    {
        var patch = new JsonObject();
        var effort = settings.Reasoning?.Effort?.ToLowerInvariant();
        var summary = settings.Reasoning?.Summary?.ToLowerInvariant();
        var verbosity = settings.TextVerbosity?.ToLowerInvariant();
        switch (type.Protocol)
        {
            case WireProtocol.AnthropicMessages:
                // The Anthropic adapter drops sampling options; the API takes them, so they go in as given.
                if (settings.Temperature is { } temperature)
                {
                    patch["temperature"] = temperature;
                }

                if (settings.TopP is { } topP)
                {
                    patch["top_p"] = topP;
                }

                break;
            case WireProtocol.OpenAIResponses:
                if (effort is not null || summary is not null)
                {
                    var reasoning = new JsonObject();
                    if (effort is not null)
                    {
                        reasoning["effort"] = effort;
                    }

                    if (summary is not null and not "none")
                    {
                        reasoning["summary"] = summary;
                    }

                    patch["reasoning"] = reasoning;
                }

                if (verbosity is not null)
                {
                    patch["text"] = new JsonObject { ["verbosity"] = verbosity };
                }

                break;
            case WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI:
                if (effort is not null)
                {
                    patch["reasoning_effort"] = effort;
                }

                if (verbosity is not null)
                {
                    patch["verbosity"] = verbosity;
                }

                if (settings.EnableWebSearch && type.Type == "grok")
                {
                    // xAI Live Search is switched on by request parameters, not by a tool.
                    patch["search_parameters"] = new JsonObject { ["mode"] = "auto", ["return_citations"] = true };
                }

                break;
        }

        foreach (var (key, value) in settings.AdditionalProperties)
        {
            if (key == "extra_body" && value is JsonObject extra)
            {
                ProviderHttpHandler.Merge(patch, extra);
            }
            else if (key != "extra_body")
            {
                patch[key] = value?.DeepClone();
            }
        }

        StoragePatch.Apply(type, settings, patch);
        return patch.Count == 0 ? null : patch;
    }
}
