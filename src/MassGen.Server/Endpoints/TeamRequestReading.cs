using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>What the request formats read alike: the team's name, roles, text parts, the task and ignored fields.</summary>
internal static class TeamRequestReading
{
    /// <summary>The <c>model</c> field, or null when it is missing or empty.</summary>
    public static string? Model(JsonElement root) =>
        root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(model.GetString())
            ? model.GetString()
            : null;

    public const string ModelMissing = "'model' is required: the name of a team (GET /v1/models lists them).";

    public const string LastMessageNotUser = "The last message must be the user's (with text): it is the team's task.";

    /// <summary>
    /// A message role as the team takes it: system and developer are the requester's instructions; tool results are
    /// dropped (a team answers in text, so they carry nothing for it); anything else is unknown.
    /// </summary>
    public static (ChatRole? Role, bool Known) Role(string? role) => role switch
    {
        "system" or "developer" => (ChatRole.System, true),
        "user" => (ChatRole.User, true),
        "assistant" => (ChatRole.Assistant, true),
        "tool" or "function" => (null, true),
        _ => (null, false),
    };

    /// <summary>The text of a content field: a string, or an array of text parts of the given types joined by lines.</summary>
    public static (string? Text, string? Problem) Text(JsonElement content, string where, IReadOnlySet<string> textPartTypes)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString(), null);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return (null, $"{where} must be a string or an array of text parts.");
        }

        var texts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is null || !textPartTypes.Contains(type) || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return (null, $"{where} has a '{type ?? "?"}' part; a team takes text parts only.");
            }

            texts.Add(text.GetString()!);
        }

        return (string.Join("\n", texts), null);
    }

    /// <summary>The fields of the body that the format does not use: named back so nobody believes they applied.</summary>
    public static List<string> Ignored(JsonElement root, IReadOnlySet<string> known) =>
        root.EnumerateObject().Select(p => p.Name).Where(name => !known.Contains(name)).ToList();

    public static bool IsTrue(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
