using System.Text.Json.Nodes;

namespace MassGen.Testing.Providers.Internal;

/// <summary>Renders a turn as the OpenAI Responses API (typed SSE events, or one <c>response</c> object).</summary>
internal static class ResponsesWire
{
    private const long Created = 1_760_000_000;

    public static IEnumerable<SseEvent> Stream(FakeTurn turn, string model, bool includeEncryptedReasoning)
    {
        var sequence = 0;
        SseEvent Event(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return new SseEvent(type, data.ToJsonString());
        }

        yield return Event("response.created", new JsonObject { ["response"] = Envelope(model, "in_progress", [], null) });
        yield return Event("response.in_progress", new JsonObject { ["response"] = Envelope(model, "in_progress", [], null) });
        var outputIndex = 0;
        foreach (var part in turn.CommonParts)
        {
            var index = outputIndex++;
            var itemId = ItemId(part, index);
            switch (part.Kind)
            {
                case FakePartKind.Reasoning:
                    yield return Event("response.output_item.added", new JsonObject
                    {
                        ["output_index"] = index,
                        ["item"] = new JsonObject { ["id"] = itemId, ["type"] = "reasoning", ["summary"] = new JsonArray() },
                    });
                    if (part.Chunks.Count == 0)
                    {
                        // A model reasoning without a summary streams no summary events, only the item.
                        break;
                    }

                    yield return Event("response.reasoning_summary_part.added", SummaryPart(itemId, index, ""));
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Event("response.reasoning_summary_text.delta", new JsonObject
                        {
                            ["item_id"] = itemId,
                            ["output_index"] = index,
                            ["summary_index"] = 0,
                            ["delta"] = chunk,
                        });
                    }

                    yield return Event("response.reasoning_summary_text.done", new JsonObject
                    {
                        ["item_id"] = itemId,
                        ["output_index"] = index,
                        ["summary_index"] = 0,
                        ["text"] = part.Joined,
                    });
                    yield return Event("response.reasoning_summary_part.done", SummaryPart(itemId, index, part.Joined));
                    break;
                case FakePartKind.Text:
                    yield return Event("response.output_item.added", new JsonObject
                    {
                        ["output_index"] = index,
                        ["item"] = new JsonObject
                        {
                            ["id"] = itemId,
                            ["type"] = "message",
                            ["status"] = "in_progress",
                            ["role"] = "assistant",
                            ["content"] = new JsonArray(),
                        },
                    });
                    yield return Event("response.content_part.added", new JsonObject
                    {
                        ["item_id"] = itemId,
                        ["output_index"] = index,
                        ["content_index"] = 0,
                        ["part"] = TextPart(""),
                    });
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Event("response.output_text.delta", new JsonObject
                        {
                            ["item_id"] = itemId,
                            ["output_index"] = index,
                            ["content_index"] = 0,
                            ["delta"] = chunk,
                            ["logprobs"] = new JsonArray(),
                        });
                    }

                    yield return Event("response.output_text.done", new JsonObject
                    {
                        ["item_id"] = itemId,
                        ["output_index"] = index,
                        ["content_index"] = 0,
                        ["text"] = part.Joined,
                        ["logprobs"] = new JsonArray(),
                    });
                    yield return Event("response.content_part.done", new JsonObject
                    {
                        ["item_id"] = itemId,
                        ["output_index"] = index,
                        ["content_index"] = 0,
                        ["part"] = TextPart(part.Joined),
                    });
                    break;
                case FakePartKind.ToolCall:
                    yield return Event("response.output_item.added", new JsonObject
                    {
                        ["output_index"] = index,
                        ["item"] = FunctionCall(part, itemId, "in_progress", ""),
                    });
                    foreach (var chunk in part.Chunks)
                    {
                        yield return Event("response.function_call_arguments.delta", new JsonObject
                        {
                            ["item_id"] = itemId,
                            ["output_index"] = index,
                            ["delta"] = chunk,
                        });
                    }

                    yield return Event("response.function_call_arguments.done", new JsonObject
                    {
                        ["item_id"] = itemId,
                        ["output_index"] = index,
                        ["arguments"] = part.Joined,
                    });
                    break;
            }

            yield return Event("response.output_item.done", new JsonObject
            {
                ["output_index"] = index,
                ["item"] = Item(part, itemId, includeEncryptedReasoning),
            });
        }

        yield return Event("response.completed", new JsonObject
        {
            ["response"] = Envelope(model, "completed", Output(turn, includeEncryptedReasoning), turn.Usage),
        });
    }

    public static JsonObject Complete(FakeTurn turn, string model, bool includeEncryptedReasoning) =>
        Envelope(model, "completed", Output(turn, includeEncryptedReasoning), turn.Usage);

    /// <summary>
    /// The API's answer to an input that refers to a reasoning item it never stored: with <c>store: false</c> an item
    /// comes back only with its <c>encrypted_content</c>, so an item given by id alone cannot be found.
    /// </summary>
    public static string? UnresolvableReasoningItem(JsonNode? body)
    {
        if (body?["store"]?.GetValueKind() != System.Text.Json.JsonValueKind.False || body["input"] is not JsonArray input)
        {
            return null;
        }

        var orphan = input.OfType<JsonObject>().FirstOrDefault(item =>
            (string?)item["type"] == "reasoning" && item["id"] is not null && item["encrypted_content"] is null);
        return orphan is null
            ? null
            : $"Item with id '{(string?)orphan["id"]}' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.";
    }

    public static JsonObject Error(int status, string message) => ChatCompletionsWire.Error(status, message);

    private static JsonArray Output(FakeTurn turn, bool includeEncryptedReasoning)
    {
        var output = new JsonArray();
        var index = 0;
        foreach (var part in turn.CommonParts)
        {
            output.Add(Item(part, ItemId(part, index++), includeEncryptedReasoning));
        }

        return output;
    }

    private static string ItemId(FakeTurnPart part, int index) => part.Kind switch
    {
        FakePartKind.Reasoning => $"rs_{index}",
        FakePartKind.ToolCall => $"fc_{index}",
        _ => $"msg_{index}",
    };

    private static JsonObject Item(FakeTurnPart part, string itemId, bool includeEncryptedReasoning) => part.Kind switch
    {
        FakePartKind.Reasoning => Reasoning(part, itemId, includeEncryptedReasoning),
        FakePartKind.ToolCall => FunctionCall(part, itemId, "completed", part.Joined),
        _ => new JsonObject
        {
            ["id"] = itemId,
            ["type"] = "message",
            ["status"] = "completed",
            ["role"] = "assistant",
            ["content"] = new JsonArray(TextPart(part.Joined)),
        },
    };

    private static JsonObject Reasoning(FakeTurnPart part, string itemId, bool includeEncryptedReasoning)
    {
        var item = new JsonObject
        {
            ["id"] = itemId,
            ["type"] = "reasoning",
            ["summary"] = part.Chunks.Count == 0
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = part.Joined }),
        };
        if (includeEncryptedReasoning && part.EncryptedContent is { } encrypted)
        {
            item["encrypted_content"] = encrypted;
        }

        return item;
    }

    private static JsonObject FunctionCall(FakeTurnPart part, string itemId, string status, string arguments) => new()
    {
        ["id"] = itemId,
        ["type"] = "function_call",
        ["status"] = status,
        ["call_id"] = part.ToolCallId,
        ["name"] = part.ToolName,
        ["arguments"] = arguments,
    };

    private static JsonObject TextPart(string text) => new()
    {
        ["type"] = "output_text",
        ["text"] = text,
        ["annotations"] = new JsonArray(),
    };

    private static JsonObject SummaryPart(string itemId, int index, string text) => new()
    {
        ["item_id"] = itemId,
        ["output_index"] = index,
        ["summary_index"] = 0,
        ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = text },
    };

    private static JsonObject Envelope(string model, string status, JsonArray output, FakeUsage? usage)
    {
        var response = new JsonObject
        {
            ["id"] = "resp_fake",
            ["object"] = "response",
            ["created_at"] = Created,
            ["status"] = status,
            ["model"] = model,
            ["output"] = output,
            ["parallel_tool_calls"] = true,
            ["tool_choice"] = "auto",
            ["tools"] = new JsonArray(),
            ["error"] = null,
            ["incomplete_details"] = null,
        };
        if (usage is not null)
        {
            response["usage"] = new JsonObject
            {
                ["input_tokens"] = usage.InputTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedInputTokens },
                ["output_tokens"] = usage.OutputTokens,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
                ["total_tokens"] = usage.InputTokens + usage.OutputTokens,
            };
        }

        return response;
    }
}
