using MassGen.Providers.Catalog;

namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The answers the wire rehearsal's clients get, per protocol, in the order they are asked: first a function call
/// (<c>new_answer</c> with a JSON argument, as a model answers a coordination turn), then streamed text with usage (as
/// a presentation). They take the same way through the SDK's parser as a real model's answer, so they must be what the
/// provider really sends: the tests read them through the real clients.
/// </summary>
internal static class CannedWire
{
    /// <summary>The two answers of <paramref name="protocol"/>, or null for protocols without HTTP (the Claude Code CLI, local GGUF models).</summary>
    public static IReadOnlyList<IReadOnlyList<SseEvent>>? For(WireProtocol protocol) => protocol switch
    {
        WireProtocol.ChatCompletions or WireProtocol.AzureOpenAI => [CannedChatCompletions.FunctionCall, CannedChatCompletions.Text],
        WireProtocol.OpenAIResponses => [CannedResponses.FunctionCall, CannedResponses.Text],
        WireProtocol.AnthropicMessages => [CannedAnthropic.FunctionCall, CannedAnthropic.Text],
        WireProtocol.Gemini => [CannedGemini.FunctionCall, CannedGemini.Text],
        _ => null,
    };

    /// <summary>The protocol whose answers <paramref name="protocol"/> gets: Azure OpenAI speaks Chat Completions.</summary>
    public static WireProtocol Wire(WireProtocol protocol) => protocol == WireProtocol.AzureOpenAI ? WireProtocol.ChatCompletions : protocol;
}
