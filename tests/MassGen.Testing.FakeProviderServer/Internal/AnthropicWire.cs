using System.Text.Json.Nodes;

namespace MassGen.Testing.Providers.Internal;

/// <summary>Renders a turn as the Anthropic Messages API (typed SSE events, or one <c>message</c> object).</summary>
internal static class AnthropicWire
{
    public static IEnumerable<SseEvent> Stream(FakeTurn turn, string model)
    {
        static SseEvent Event(string type, JsonObject data)
        {
            data["type"] = type;
            return new SseEvent(type, data.ToJsonString());
        }

        var start = Message(model, new JsonArray(), null, turn.Usage, outputSoFar: 1);
        yield return Event("message_start", new JsonObject { ["message"] = start });
        yield return Event("ping", []);
        var index = 0;
        foreach (var part in turn.CommonParts)
        {
            var blockIndex = index++;
            switch (part.Kind)
            {
                case FakePartKind.Reasoning:
                    yield return Event("content_block_start", new JsonObject
                    {
                        ["index"] = blockIndex,
                        ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" },
                    });
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Delta(blockIndex, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = chunk });
                    }

                    yield return Delta(blockIndex, new JsonObject { ["type"] = "signature_delta", ["signature"] = "c2lnbmF0dXJl" });
                    break;
                case FakePartKind.Text:
                    yield return Event("content_block_start", new JsonObject
                    {
                        ["index"] = blockIndex,
                        ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
                    });
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Delta(blockIndex, new JsonObject { ["type"] = "text_delta", ["text"] = chunk });
                    }

                    break;
                case FakePartKind.ToolCall:
                    yield return Event("content_block_start", new JsonObject
                    {
                        ["index"] = blockIndex,
                        ["content_block"] = new JsonObject
                        {
                            ["type"] = "tool_use",
                            ["id"] = part.ToolCallId,
                            ["name"] = part.ToolName,
                            ["input"] = new JsonObject(),
                        },
                    });
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Delta(blockIndex, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = chunk });
                    }

                    break;
            }

            yield return Event("content_block_stop", new JsonObject { ["index"] = blockIndex });
        }

        var end = new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(turn), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = turn.Usage?.OutputTokens ?? 0 },
        };
        yield return Event("message_delta", end);
        yield return Event("message_stop", []);

        static SseEvent Delta(int index, JsonObject delta) =>
            Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta });
    }

    public static JsonObject Complete(FakeTurn turn, string model)
    {
        var content = new JsonArray();
        foreach (var part in turn.CommonParts)
        {
            content.Add(part.Kind switch
            {
                FakePartKind.Reasoning => new JsonObject { ["type"] = "thinking", ["thinking"] = part.Joined, ["signature"] = "c2lnbmF0dXJl" },
                FakePartKind.ToolCall => new JsonObject
                {
                    ["type"] = "tool_use",
                    ["id"] = part.ToolCallId,
                    ["name"] = part.ToolName,
                    ["input"] = JsonNode.Parse(part.Joined),
                },
                _ => new JsonObject { ["type"] = "text", ["text"] = part.Joined },
            });
        }

        return Message(model, content, StopReason(turn), turn.Usage, turn.Usage?.OutputTokens ?? 0);
    }

    public static JsonObject Error(int status, string message) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = ErrorType(status), ["message"] = message },
    };

    private static string ErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };

    private static string StopReason(FakeTurn turn) =>
        turn.Parts.Any(p => p.Kind == FakePartKind.ToolCall) ? "tool_use" : "end_turn";

    private static JsonObject Message(string model, JsonArray content, string? stopReason, FakeUsage? usage, int outputSoFar) => new()
    {
        ["id"] = "msg_fake",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            // Anthropic counts cache reads and cache writes apart from input_tokens.
            ["input_tokens"] = (usage?.InputTokens ?? 0) - (usage?.CachedInputTokens ?? 0) - (usage?.CacheWriteInputTokens ?? 0),
            ["cache_creation_input_tokens"] = usage?.CacheWriteInputTokens ?? 0,
            ["cache_read_input_tokens"] = usage?.CachedInputTokens ?? 0,
            ["output_tokens"] = outputSoFar,
        },
    };
}
