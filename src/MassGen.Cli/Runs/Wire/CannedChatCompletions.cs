namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// OpenAI Chat Completions as a model streams it (OpenAI, Azure, grok and every compatible or local server): chunks of
/// <c>choices[0].delta</c>, the function call's arguments split over two chunks, a last chunk without choices carrying
/// the usage (the SDK always asks for it), then <c>[DONE]</c>.
/// </summary>
internal static class CannedChatCompletions
{
    public static IReadOnlyList<SseEvent> FunctionCall { get; } =
    [
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_rehearsal","type":"function","function":{"name":"new_answer","arguments":""}}]},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"content\":"}}]},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"42\"}"}}]},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[],"usage":{"prompt_tokens":40,"completion_tokens":6,"total_tokens":46,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}"""),
        new(null, "[DONE]"),
    ];

    public static IReadOnlyList<SseEvent> Text { get; } =
    [
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"content":"The answer "},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{"content":"is 42."},"finish_reason":null}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""),
        new(null, """{"id":"chatcmpl-rehearsal","object":"chat.completion.chunk","created":1760000000,"model":"rehearsal","choices":[],"usage":{"prompt_tokens":40,"completion_tokens":6,"total_tokens":46,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}"""),
        new(null, "[DONE]"),
    ];
}
