using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>Reads a Chat Completions request (<c>POST /v1/chat/completions</c>); says what is wrong with a bad one.</summary>
internal static class ChatCompletionParser
{
    // Sampling and output settings belong to each agent's configuration; a request cannot change them. They are
    // accepted (clients send them by default) and named back in a response header so nobody believes they applied.
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "model", "messages", "stream", "stream_options", "n", "user", "massgen_progress", "metadata", "store",
    };

    private static readonly HashSet<string> s_textParts = new(StringComparer.Ordinal) { "text" };

    public static (TeamRequest? Request, string? Problem, string? Param) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request body must be a JSON object.", null);
        }

        var model = TeamRequestReading.Model(root);
        if (model is null)
        {
            return (null, TeamRequestReading.ModelMissing, "model");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return (null, "'messages' is required: a non-empty array of messages, the last one the user's question.", "messages");
        }

        if (root.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt32() != 1)
        {
            return (null, "'n' must be 1: a team gives one answer per run.", "n");
        }

        var list = new List<ChatMessage>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var (chat, problem) = ReadMessage(message, index);
            if (problem is not null)
            {
                return (null, problem, $"messages[{index}]");
            }

            if (chat is not null)
            {
                list.Add(chat);
            }

            index++;
        }

        if (list.Count == 0 || list[^1].Role != ChatRole.User)
        {
            return (null, TeamRequestReading.LastMessageNotUser, "messages");
        }

        var includeUsage = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && TeamRequestReading.IsTrue(streamOptions, "include_usage");
        return (new TeamRequest(model, list)
        {
            Stream = TeamRequestReading.IsTrue(root, "stream"),
            IncludeUsage = includeUsage,
            Progress = TeamRequestReading.IsTrue(root, "massgen_progress"),
            Ignored = TeamRequestReading.Ignored(root, s_known),
        }, null, null);
    }

    private static (ChatMessage? Message, string? Problem) ReadMessage(JsonElement message, int index)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var roleValue) || roleValue.ValueKind != JsonValueKind.String)
        {
            return (null, $"messages[{index}] must be an object with a 'role'.");
        }

        var role = roleValue.GetString();
        var (chatRole, known) = TeamRequestReading.Role(role);
        if (!known)
        {
            return (null, $"messages[{index}].role '{role}' is unknown; use system, developer, user or assistant.");
        }

        if (chatRole is null)
        {
            return (null, null);
        }

        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return (new ChatMessage(chatRole.Value, ""), null);
        }

        var (text, problem) = TeamRequestReading.Text(content, $"messages[{index}].content", s_textParts);
        return problem is null ? (new ChatMessage(chatRole.Value, text), null) : (null, problem);
    }
}
