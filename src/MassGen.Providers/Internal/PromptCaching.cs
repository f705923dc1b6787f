using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>
/// What a request carries so the provider caches its stable prefix (tools, then system, then the conversation so far).
/// OpenAI caches on its own and routes by <c>prompt_cache_key</c>: one key per agent keeps each agent's requests on the
/// cache that holds its prefix. Anthropic caches only up to <c>cache_control</c> breakpoints.
/// </summary>
internal static class PromptCaching
{
    // OpenAI limits the key's length.
    private const int MaxKeyLength = 64;

    /// <summary>
    /// Adds the agent's <c>prompt_cache_key</c> for OpenAI's own services (types <c>openai</c> and <c>azure_openai</c>);
    /// a key the configuration already passes through is kept. Other OpenAI-compatible servers get nothing they might reject.
    /// </summary>
    public static JsonObject? WithPromptCacheKey(JsonObject? patch, BackendTypeInfo type, string agentId)
    {
        if (type.Type is not ("openai" or "azure_openai"))
        {
            return patch;
        }

        patch ??= [];
        if (!patch.ContainsKey("prompt_cache_key"))
        {
            var key = "massgen-" + agentId;
            patch["prompt_cache_key"] = key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];
        }

        return patch;
    }

    /// <summary>
    /// Marks three Anthropic cache breakpoints (of the four allowed): the last tool, the last system block and the last
    /// block of the last message. Every later request of the agent shares the first two, and the next call of the same
    /// turn shares the third. A prefix shorter than the model's minimum is simply not cached.
    /// </summary>
    public static void MarkAnthropicBreakpoints(JsonObject body)
    {
        if (body["tools"] is JsonArray { Count: > 0 } tools && tools[^1] is JsonObject lastTool)
        {
            Mark(lastTool);
        }

        if (body["system"] is JsonValue system && system.TryGetValue<string>(out var systemText))
        {
            body["system"] = new JsonArray(Mark(new JsonObject { ["type"] = "text", ["text"] = systemText }));
        }
        else if (body["system"] is JsonArray { Count: > 0 } blocks && blocks[^1] is JsonObject lastBlock)
        {
            Mark(lastBlock);
        }

        if (body["messages"] is JsonArray { Count: > 0 } messages && messages[^1] is JsonObject last)
        {
            if (last["content"] is JsonValue content && content.TryGetValue<string>(out var text))
            {
                last["content"] = new JsonArray(Mark(new JsonObject { ["type"] = "text", ["text"] = text }));
            }
            else if (last["content"] is JsonArray { Count: > 0 } parts && parts[^1] is JsonObject lastPart)
            {
                Mark(lastPart);
            }
        }
    }

    private static JsonObject Mark(JsonObject block)
    {
        block["cache_control"] = new JsonObject { ["type"] = "ephemeral" };
        return block;
    }
}
