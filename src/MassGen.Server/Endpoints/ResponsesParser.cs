using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>Reads a Responses API request (<c>POST /v1/responses</c>); says what is wrong with a bad one.</summary>
internal static class ResponsesParser
{
    // As for Chat Completions: sampling, output and tool settings belong to the agents' configurations.
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "model", "input", "instructions", "stream", "store", "metadata", "user", "previous_response_id", "background",
    };

    // A user's parts are input_text; an earlier answer sent back in the conversation has output_text parts.
    private static readonly HashSet<string> s_textParts = new(StringComparer.Ordinal) { "input_text", "output_text" };

    // Items of a tool-calling conversation: a team answers in text, so they carry nothing for it.
    private static readonly HashSet<string> s_toolItems = new(StringComparer.Ordinal)
    {
        "function_call", "function_call_output", "reasoning", "custom_tool_call", "custom_tool_call_output",
    };

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

        if (root.TryGetProperty("previous_response_id", out var previous) && previous.ValueKind == JsonValueKind.String)
        {
            return (null, "'previous_response_id' is not supported: this server does not keep responses; send the whole conversation in 'input'.", "previous_response_id");
        }

        if (TeamRequestReading.IsTrue(root, "background"))
        {
            return (null, "'background' is not supported: POST /v1/runs starts a run without waiting, and GET /v1/runs/{id}/events follows it.", "background");
        }

        var messages = new List<ChatMessage>();
        if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.String && instructions.GetString() is { Length: > 0 } text)
        {
            messages.Add(new ChatMessage(ChatRole.System, text));
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return (null, "'input' is required: the question as a string, or an array of messages, the last one the user's.", "input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            messages.Add(new ChatMessage(ChatRole.User, input.GetString()));
        }
        else
        {
            var index = 0;
            foreach (var item in input.EnumerateArray())
            {
                var (message, problem) = ReadItem(item, index);
                if (problem is not null)
                {
                    return (null, problem, $"input[{index}]");
                }

                if (message is not null)
                {
                    messages.Add(message);
                }

                index++;
            }
        }

        if (messages.Count == 0 || messages[^1].Role != ChatRole.User || string.IsNullOrWhiteSpace(messages[^1].Text))
        {
            return (null, TeamRequestReading.LastMessageNotUser, "input");
        }

        return (new TeamRequest(model, messages)
        {
            Stream = TeamRequestReading.IsTrue(root, "stream"),
            Ignored = TeamRequestReading.Ignored(root, s_known),
            Instructions = root.TryGetProperty("instructions", out var echoed) && echoed.ValueKind == JsonValueKind.String ? echoed.GetString() : null,
            Metadata = root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? JsonNode.Parse(metadata.GetRawText())!.AsObject() : null,
        }, null, null);
    }

    private static (ChatMessage? Message, string? Problem) ReadItem(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, $"input[{index}] must be an object: a message with a 'role' and 'content'.");
        }

        var type = item.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : "message";
        if (s_toolItems.Contains(type!))
        {
            return (null, null);
        }

        if (type != "message")
        {
            return (null, $"input[{index}] is a '{type}' item; a team takes messages with text only.");
        }

        var role = item.TryGetProperty("role", out var roleValue) && roleValue.ValueKind == JsonValueKind.String ? roleValue.GetString() : null;
        var (chatRole, known) = TeamRequestReading.Role(role);
        if (!known || chatRole is null)
        {
            return (null, $"input[{index}].role '{role ?? "?"}' is unknown; use system, developer, user or assistant.");
        }

        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return (new ChatMessage(chatRole.Value, ""), null);
        }

        var (text, problem) = TeamRequestReading.Text(content, $"input[{index}].content", s_textParts);
        return problem is null ? (new ChatMessage(chatRole.Value, text), null) : (null, problem);
    }
}
