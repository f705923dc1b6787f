using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>A Chat Completions request as the server reads it; <see cref="Parse"/> says what is wrong with a bad one.</summary>
internal sealed record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessage> Messages)
{
    // Sampling and output settings belong to each agent's configuration; a request cannot change them. They are
    // accepted (clients send them by default) and named back in a response header so nobody believes they applied.
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "model", "messages", "stream", "stream_options", "n", "user", "massgen_progress", "metadata", "store",
    };

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary>The opt-in extension: coordination events as extra chunks of the stream.</summary>
    public bool Progress { get; init; }

    /// <summary>Request fields that have no effect on a team (temperature, max_tokens, tools, ...).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    public static (ChatCompletionRequest? Request, string? Problem, string? Param) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request body must be a JSON object.", null);
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(model.GetString()))
        {
            return (null, "'model' is required: the name of a team (GET /v1/models lists them).", "model");
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
            return (null, "The last message must be the user's (with text): it is the team's task.", "messages");
        }

        var stream = root.TryGetProperty("stream", out var streamValue) && streamValue.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && streamOptions.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;
        var progress = root.TryGetProperty("massgen_progress", out var progressValue) && progressValue.ValueKind == JsonValueKind.True;
        var ignored = root.EnumerateObject().Select(p => p.Name).Where(name => !s_known.Contains(name)).ToList();
        return (new ChatCompletionRequest(model.GetString()!, list) { Stream = stream, IncludeUsage = includeUsage, Progress = progress, Ignored = ignored }, null, null);
    }

    private static (ChatMessage? Message, string? Problem) ReadMessage(JsonElement message, int index)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var roleValue) || roleValue.ValueKind != JsonValueKind.String)
        {
            return (null, $"messages[{index}] must be an object with a 'role'.");
        }

        var role = roleValue.GetString();
        ChatRole? chatRole = role switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" or "function" => null,
            _ => ChatRole.Tool,
        };
        if (chatRole == ChatRole.Tool)
        {
            return (null, $"messages[{index}].role '{role}' is unknown; use system, developer, user or assistant.");
        }

        if (chatRole is null)
        {
            // Tool results belong to a tool-calling conversation; a team answers in text, so they carry nothing for it.
            return (null, null);
        }

        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return (new ChatMessage(chatRole.Value, ""), null);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return (new ChatMessage(chatRole.Value, content.GetString()), null);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return (null, $"messages[{index}].content must be a string or an array of text parts.");
        }

        var texts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type != "text" || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return (null, $"messages[{index}].content has a '{type ?? "?"}' part; a team takes text parts only.");
            }

            texts.Add(text.GetString()!);
        }

        return (new ChatMessage(chatRole.Value, string.Join("\n", texts)), null);
    }
}
