using MassGen.Core.Text;
using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;
using MassGen.Providers.Gemini;

namespace MassGen.Configuration.Internal;

/// <summary>Backend keys we do not model go to the provider as JSON, unless they look like a typo of a key we know.</summary>
internal sealed partial class ConfigBinder
{
    // Keys the original sends to the provider that we know are legitimate, so no "did you mean" fires on them
    // (top_k is one letter away from top_p, but it is a real parameter of many servers).
    private static readonly string[] s_knownProviderKeys =
    [
        "reasoning", "reasoning_effort", "text", "verbosity", "extra_body", "extra_headers", "betas", "thinking",
        "top_k", "min_p", "repetition_penalty", "frequency_penalty", "presence_penalty", "seed", "stop",
        "response_format", "max_completion_tokens", "max_output_tokens", "parallel_tool_calls", "service_tier",
        "logprobs", "top_logprobs", "n", "user", "metadata", "store", "include", "truncation", "api_version",
        "search_parameters", "chat_template_kwargs", "separate_reasoning",
    ];

    /// <summary>What a backend key that MassGen does not read itself is to the provider.</summary>
    private enum ProviderKey
    {
        /// <summary>A parameter the provider is known to take: passed through quietly.</summary>
        Known,

        /// <summary>Neither ours nor known: passed through with a warning naming it.</summary>
        Unknown,

        /// <summary>Looks like a typo of a key we know: an error with the suggestion.</summary>
        NearMiss,
    }

    /// <summary>
    /// Every key not read yet goes to the provider as it is: quietly when it is a known provider parameter, with a
    /// warning naming it otherwise (so a typo is visible), and not at all when it is a near miss of a key we know. A
    /// field MassGen's request building sets itself is refused by the provider validator (ReservedRequestKeys).
    /// </summary>
    private Dictionary<string, JsonNode?> BindProviderOptions(SectionReader reader, BackendTypeInfo? type)
    {
        var options = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var framework = reader.KnownKeys.ToList();
        foreach (var entry in reader.Remaining.ToList())
        {
            reader.Take(entry.Key);
            var value = ToJson(entry.Value);
            switch (Classify(entry.Key, type, framework, out var suggestion))
            {
                case ProviderKey.NearMiss:
                    problems.Error(reader.PathOf(entry.Key), entry.Line, $"unknown key '{entry.Key}'; did you mean '{suggestion}'?");
                    continue;
                case ProviderKey.Unknown:
                    problems.Warning(reader.PathOf(entry.Key), entry.Line,
                        $"unknown key '{entry.Key}': not a MassGen setting nor a known {type?.DisplayName ?? "provider"} parameter; it is sent to the provider as is (remove it if it is a typo)");
                    break;
            }

            options[entry.Key] = value;
        }

        return options;
    }

    private static ProviderKey Classify(string key, BackendTypeInfo? type, List<string> framework, out string? suggestion)
    {
        suggestion = null;
        // A reserved request field is known for certain: the provider validator refuses it with what to use instead.
        if (s_knownProviderKeys.Contains(key) || (type?.Protocol == WireProtocol.Gemini && GeminiBackendMapping.IsKnownField(key))
            || (type is not null && ReservedRequestKeys.Explain(type, key) is not null))
        {
            return ProviderKey.Known;
        }

        return NameSuggestions.IsNearMiss(key, framework.Concat(s_knownProviderKeys), out suggestion) ? ProviderKey.NearMiss : ProviderKey.Unknown;
    }

    private static JsonNode? ToJson(ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar scalar:
                return scalar.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Bool => JsonValue.Create(ScalarResolver.ParseBool(scalar.Text!)),
                    ScalarKind.Integer when ScalarResolver.TryParseInteger(scalar.Text!, out var integer) => JsonValue.Create(integer),
                    ScalarKind.Integer or ScalarKind.Float when ScalarResolver.TryParseFloat(scalar.Text!, out var number) && double.IsFinite(number) => JsonValue.Create(number),
                    _ => JsonValue.Create(scalar.Text),
                };
            case ConfigSequence sequence:
                return new JsonArray([.. sequence.Items.Select(ToJson)]);
            case ConfigMapping mapping:
                {
                    var result = new JsonObject();
                    foreach (var entry in mapping.Entries)
                    {
                        result[entry.Key] = ToJson(entry.Value);
                    }

                    return result;
                }

            default:
                return null;
        }
    }
}
