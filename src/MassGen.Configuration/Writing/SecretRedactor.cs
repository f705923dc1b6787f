using System.Text.Json.Nodes;
using MassGen.Core.Text;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Removes secrets from a configuration before it is written to a log: values of keys that name a secret
/// (<see cref="SecretNames"/>: api_key, token, password, authorization…), every value of <c>env</c>, <c>headers</c> and <c>extra_headers</c> maps, and any text equal to the value
/// of a secret-looking environment variable, wherever it appears. <see cref="ConfigJsonWriter"/> redacts with it.
/// </summary>
internal static class SecretRedactor
{
    public static JsonNode? Redact(JsonNode? node, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Walk(node, SecretNames.ValuesIn(environment), maskAll: false);
    }

    private static JsonNode? Walk(JsonNode? node, HashSet<string> secrets, bool maskAll)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var secretKey = SecretNames.IsSecret(key);
                    var mapOfSecrets = key is "env" or "headers" or "extra_headers" or "command_line_env";
                    copy[key] = value is JsonValue && (secretKey || maskAll) ? JsonValue.Create(ConfigJsonWriter.Redacted) : Walk(value, secrets, maskAll || mapOfSecrets);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Walk(item, secrets, maskAll))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (maskAll)
                {
                    return JsonValue.Create(ConfigJsonWriter.Redacted);
                }

                foreach (var secret in secrets)
                {
                    text = text.Replace(secret, ConfigJsonWriter.Redacted, StringComparison.Ordinal);
                }

                return JsonValue.Create(text);
            default:
                return node?.DeepClone();
        }
    }
}
