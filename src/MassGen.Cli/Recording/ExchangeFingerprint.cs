using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Recording;

/// <summary>
/// The canonical form of a request to a model (model, messages, tools, options) and its stable hash. Everything that
/// changes what a model would answer is in it; what differs between two identical runs (message ids, creation times,
/// the SDK's raw objects) is not, so the same coordination produces the same hashes.
/// </summary>
internal static class ExchangeFingerprint
{
    public static JsonObject Canonical(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var tools = new JsonArray();
        foreach (var tool in options?.Tools ?? [])
        {
            tools.Add(new JsonObject
            {
                ["name"] = tool.Name,
                ["description"] = tool.Description,
                ["schema"] = tool is AIFunctionDeclaration function ? JsonSerializer.SerializeToNode(function.JsonSchema, AIJsonUtilities.DefaultOptions) : null,
            });
        }

        return new JsonObject
        {
            ["model"] = options?.ModelId,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode?)new JsonObject
            {
                ["role"] = m.Role.Value,
                ["author"] = m.AuthorName,
                ["contents"] = new JsonArray([.. m.Contents.Where(c => c is not TextContent { Text.Length: 0 }).Select(Content)]),
            })]),
            ["tools"] = tools,
            ["options"] = new JsonObject
            {
                ["temperature"] = options?.Temperature,
                ["top_p"] = options?.TopP,
                ["max_output_tokens"] = options?.MaxOutputTokens,
                ["tool_mode"] = options?.ToolMode?.ToString(),
                ["allow_multiple_tool_calls"] = options?.AllowMultipleToolCalls,
                ["reasoning_effort"] = options?.Reasoning?.Effort?.ToString(),
                ["instructions"] = options?.Instructions,
            },
        };
    }

    /// <summary>SHA-256 of the canonical JSON, hex, first 16 bytes: short enough to read, far too long to collide.</summary>
    public static string Hash(JsonObject canonical)
    {
        var bytes = Encoding.UTF8.GetBytes(canonical.ToJsonString(RecordingJson.Options));
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));
    }

    // The content as M.E.AI serializes it, minus what varies between identical runs.
    private static JsonNode? Content(AIContent content)
    {
        var node = JsonSerializer.SerializeToNode(content, AIJsonUtilities.DefaultOptions);
        if (node is JsonObject obj)
        {
            obj.Remove("additionalProperties");
            obj.Remove("annotations");
        }

        return node;
    }

    /// <summary>
    /// The first differences between two canonical requests, as <c>path: recorded … now …</c> lines (at most
    /// <paramref name="limit"/>), for the error that names an unrecorded request.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode? recorded, JsonNode? now, int limit = 3)
    {
        var found = new List<string>();
        Compare(recorded, now, "request", found, limit);
        return found;
    }

    /// <summary>How many leaves differ (capped), to pick the closest recorded request.</summary>
    public static int Distance(JsonNode? recorded, JsonNode? now)
    {
        var found = new List<string>();
        Compare(recorded, now, "", found, 1000);
        return found.Count;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> found, int limit)
    {
        if (found.Count >= limit)
        {
            return;
        }

        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    Compare(x[key], y[key], $"{path}.{key}", found, limit);
                }

                break;
            case (JsonArray x, JsonArray y):
                for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
                {
                    Compare(i < x.Count ? x[i] : null, i < y.Count ? y[i] : null, $"{path}[{i}]", found, limit);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    found.Add($"{path}: recorded {Show(a)}, now {Show(b)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(RecordingJson.Options) ?? "(absent)";
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
