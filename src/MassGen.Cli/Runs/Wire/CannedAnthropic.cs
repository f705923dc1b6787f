namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The Anthropic Messages API as a model streams it: <c>message_start</c> with the input usage, a <c>ping</c>, one
/// content block (a <c>tool_use</c> filled by <c>input_json_delta</c>s, or text) started, filled and stopped, then
/// <c>message_delta</c> with the stop reason and output usage and <c>message_stop</c>.
/// </summary>
internal static class CannedAnthropic
{
    public static IReadOnlyList<SseEvent> FunctionCall { get; } =
    [
        new("message_start", """{"type":"message_start","message":{"id":"msg_rehearsal","type":"message","role":"assistant","model":"rehearsal","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"""),
        new("ping", """{"type":"ping"}"""),
        new("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_rehearsal","name":"new_answer","input":{}}}"""),
        new("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"content\":"}}"""),
        new("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"42\"}"}}"""),
        new("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        new("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":6}}"""),
        new("message_stop", """{"type":"message_stop"}"""),
    ];

    public static IReadOnlyList<SseEvent> Text { get; } =
    [
        new("message_start", """{"type":"message_start","message":{"id":"msg_rehearsal","type":"message","role":"assistant","model":"rehearsal","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"""),
        new("ping", """{"type":"ping"}"""),
        new("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        new("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"The answer "}}"""),
        new("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"is 42."}}"""),
        new("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        new("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}"""),
        new("message_stop", """{"type":"message_stop"}"""),
    ];
}
