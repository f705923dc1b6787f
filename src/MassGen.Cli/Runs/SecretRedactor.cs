using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MassGen.Cli.Runs;

/// <summary>
/// Removes secrets from a configuration before it is written to a log: values of keys that name a secret (api_key,
/// token, password, authorization…), every value of <c>env</c>, <c>headers</c> and <c>extra_headers</c> maps, and any text equal to the value
/// of a secret-looking environment variable, wherever it appears.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    public static JsonNode? Redact(JsonNode? node, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Walk(node, SecretValues(environment), maskAll: false);
    }

    /// <summary>The values of secret-looking environment variables (long enough to be a credential), to mask wherever they appear.</summary>
    public static HashSet<string> SecretValues(IReadOnlyDictionary<string, string> environment) =>
        environment
            .Where(pair => SecretName().IsMatch(pair.Key) && pair.Value.Length >= 6)
            .Select(pair => pair.Value)
            .ToHashSet(StringComparer.Ordinal);

    private static JsonNode? Walk(JsonNode? node, HashSet<string> secrets, bool maskAll)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var secretKey = SecretName().IsMatch(key);
                    var mapOfSecrets = key is "env" or "headers" or "extra_headers";
                    copy[key] = value is JsonValue && (secretKey || maskAll) ? JsonValue.Create(Mask) : Walk(value, secrets, maskAll || mapOfSecrets);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Walk(item, secrets, maskAll))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (maskAll)
                {
                    return JsonValue.Create(Mask);
                }

                foreach (var secret in secrets)
                {
                    text = text.Replace(secret, Mask, StringComparison.Ordinal);
                }

                return JsonValue.Create(text);
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex("(api_?key|token|secret|password|passwd|authorization|credential)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
