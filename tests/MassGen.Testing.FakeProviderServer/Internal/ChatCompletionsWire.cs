using System.Text.Json.Nodes;

namespace MassGen.Testing.Providers.Internal;

/// <summary>Renders a turn as OpenAI Chat Completions (chunks for SSE, or one <c>chat.completion</c> object).</summary>
internal static class ChatCompletionsWire
{
    private const long Created = 1_760_000_000;

    public static IEnumerable<SseEvent> Stream(FakeTurn turn, string model, bool includeUsage)
    {
        yield return Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        var toolIndex = 0;
        foreach (var part in turn.CommonParts)
        {
            switch (part.Kind)
            {
                case FakePartKind.Text:
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Chunk(model, new JsonObject { ["content"] = chunk }, null);
                    }

                    break;
                case FakePartKind.Reasoning:
                    // The field DeepSeek, vLLM, SGLang and most compatible servers use for thinking deltas.
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Chunk(model, new JsonObject { ["reasoning_content"] = chunk }, null);
                    }

                    break;
                case FakePartKind.ToolCall:
                    var index = toolIndex++;
                    yield return Chunk(model, ToolDelta(index, new JsonObject
                    {
                        ["index"] = index,
                        ["id"] = part.ToolCallId,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = part.ToolName, ["arguments"] = "" },
                    }), null);
                    foreach (var piece in part.Chunks)
                    {
                        yield return Chunk(model, ToolDelta(index, new JsonObject
                        {
                            ["index"] = index,
                            ["function"] = new JsonObject { ["arguments"] = piece },
                        }), null);
                    }

                    break;
            }
        }

        yield return Chunk(model, new JsonObject(), toolIndex > 0 ? "tool_calls" : "stop");
        if (includeUsage && turn.Usage is { } usage)
        {
            var last = Envelope(model, "chat.completion.chunk");
            last["choices"] = new JsonArray();
            last["usage"] = Usage(usage);
            yield return new SseEvent(null, last.ToJsonString());
        }

        yield return new SseEvent(null, "[DONE]");
    }

    public static JsonObject Complete(FakeTurn turn, string model)
    {
        var message = new JsonObject { ["role"] = "assistant" };
        var text = turn.FullText;
        message["content"] = text.Length > 0 ? text : null;
        var reasoning = string.Concat(turn.Parts.Where(p => p.Kind == FakePartKind.Reasoning).Select(p => p.Joined));
        if (reasoning.Length > 0)
        {
            message["reasoning_content"] = reasoning;
        }

        var calls = new JsonArray();
        foreach (var part in turn.Parts.Where(p => p.Kind == FakePartKind.ToolCall))
        {
            calls.Add(new JsonObject
            {
                ["id"] = part.ToolCallId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = part.ToolName, ["arguments"] = part.Joined },
            });
        }

        if (calls.Count > 0)
        {
            message["tool_calls"] = calls;
        }

        var body = Envelope(model, "chat.completion");
        body["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = calls.Count > 0 ? "tool_calls" : "stop",
        });
        if (turn.Usage is { } usage)
        {
            body["usage"] = Usage(usage);
        }

        return body;
    }

    public static JsonObject Error(int status, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = ErrorType(status),
            ["param"] = null,
            ["code"] = ErrorType(status),
        },
    };

    public static string ErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "invalid_api_key",
        403 => "permission_denied",
        404 => "model_not_found",
        429 => "rate_limit_exceeded",
        _ => "server_error",
    };

    private static JsonObject Usage(FakeUsage usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokens,
        ["completion_tokens"] = usage.OutputTokens,
        ["total_tokens"] = usage.InputTokens + usage.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedInputTokens },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
    };

    private static JsonObject ToolDelta(int index, JsonObject call) => new() { ["tool_calls"] = new JsonArray(call) };

    private static SseEvent Chunk(string model, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(model, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        });
        return new SseEvent(null, chunk.ToJsonString());
    }

    private static JsonObject Envelope(string model, string kind) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = kind,
        ["created"] = Created,
        ["model"] = model,
    };
}
