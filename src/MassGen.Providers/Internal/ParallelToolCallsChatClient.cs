using MassGen.Providers.Catalog;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Internal;

/// <summary>
/// Carries <see cref="ChatOptions.AllowMultipleToolCalls"/> (set per turn by the engine) to the provider's own setting:
/// <c>parallel_tool_calls</c> for the OpenAI protocols (the SDK adapters map it when tools are offered), and
/// <c>tool_choice.disable_parallel_tool_use</c> for Anthropic, whose adapter maps it only alongside a tool mode, so an
/// automatic one is given. Types whose API rejects or ignores the field get no field at all.
/// </summary>
internal sealed class ParallelToolCallsChatClient(IChatClient inner, WireProtocol protocol) : DelegatingChatClient(inner)
{
    // Chat Completions types whose public API reference documents parallel_tool_calls. Gemini's OpenAI-compatible
    // endpoint rejects the field; the others do not document it, so they keep their own default.
    private static readonly HashSet<string> s_chatCompletionsTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "chatcompletion", "azure_openai", "grok", "groq", "openrouter", "mistral", "cerebras", "qwen", "vllm", "sglang",
    };

    /// <summary>Whether backends of <paramref name="type"/> can be told to make at most one tool call per response.</summary>
    public static bool Supports(BackendTypeInfo type) => type.Protocol switch
    {
        WireProtocol.OpenAIResponses or WireProtocol.AnthropicMessages => true,
        WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI => s_chatCompletionsTypes.Contains(type.Type),
        _ => false,
    };

    /// <summary>Wraps <paramref name="provider"/> when the type has something to translate or to withhold.</summary>
    public static IChatClient Wrap(IChatClient provider, BackendTypeInfo type) => type.Protocol switch
    {
        WireProtocol.OpenAIResponses => provider,
        WireProtocol.AnthropicMessages => new ParallelToolCallsChatClient(provider, type.Protocol),
        _ when !Supports(type) => new ParallelToolCallsChatClient(provider, type.Protocol),
        _ => provider,
    };

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Translate(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Translate(options), cancellationToken);

    private ChatOptions? Translate(ChatOptions? options)
    {
        if (options?.AllowMultipleToolCalls is null)
        {
            return options;
        }

        var copy = options.Clone();
        if (protocol != WireProtocol.AnthropicMessages)
        {
            copy.AllowMultipleToolCalls = null;
        }
        else if (copy.ToolMode is null && copy.Tools is { Count: > 0 })
        {
            copy.ToolMode = ChatToolMode.Auto;
        }

        return copy;
    }
}
