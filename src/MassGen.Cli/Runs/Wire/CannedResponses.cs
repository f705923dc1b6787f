namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The OpenAI Responses API as a model streams it: typed events, each with its <c>sequence_number</c>, one output item
/// (a function call or a message) added, filled by deltas and done, then <c>response.completed</c> with the whole
/// response and its usage.
/// </summary>
internal static class CannedResponses
{
    public static IReadOnlyList<SseEvent> FunctionCall { get; } =
    [
        new("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"in_progress","model":"rehearsal","output":[],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null}}"""),
        new("response.in_progress", """{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"in_progress","model":"rehearsal","output":[],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null}}"""),
        new("response.output_item.added", """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"fc_0","type":"function_call","status":"in_progress","call_id":"call_rehearsal","name":"new_answer","arguments":""}}"""),
        new("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_0","output_index":0,"delta":"{\"content\":"}"""),
        new("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_0","output_index":0,"delta":"\"42\"}"}"""),
        new("response.function_call_arguments.done", """{"type":"response.function_call_arguments.done","sequence_number":5,"item_id":"fc_0","output_index":0,"arguments":"{\"content\":\"42\"}"}"""),
        new("response.output_item.done", """{"type":"response.output_item.done","sequence_number":6,"output_index":0,"item":{"id":"fc_0","type":"function_call","status":"completed","call_id":"call_rehearsal","name":"new_answer","arguments":"{\"content\":\"42\"}"}}"""),
        new("response.completed", """{"type":"response.completed","sequence_number":7,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"completed","model":"rehearsal","output":[{"id":"fc_0","type":"function_call","status":"completed","call_id":"call_rehearsal","name":"new_answer","arguments":"{\"content\":\"42\"}"}],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null,"usage":{"input_tokens":40,"input_tokens_details":{"cached_tokens":0},"output_tokens":6,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":46}}}"""),
    ];

    public static IReadOnlyList<SseEvent> Text { get; } =
    [
        new("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"in_progress","model":"rehearsal","output":[],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null}}"""),
        new("response.in_progress", """{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"in_progress","model":"rehearsal","output":[],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null}}"""),
        new("response.output_item.added", """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_0","type":"message","status":"in_progress","role":"assistant","content":[]}}"""),
        new("response.content_part.added", """{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_0","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}"""),
        new("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_0","output_index":0,"content_index":0,"delta":"The answer ","logprobs":[]}"""),
        new("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_0","output_index":0,"content_index":0,"delta":"is 42.","logprobs":[]}"""),
        new("response.output_text.done", """{"type":"response.output_text.done","sequence_number":6,"item_id":"msg_0","output_index":0,"content_index":0,"text":"The answer is 42.","logprobs":[]}"""),
        new("response.content_part.done", """{"type":"response.content_part.done","sequence_number":7,"item_id":"msg_0","output_index":0,"content_index":0,"part":{"type":"output_text","text":"The answer is 42.","annotations":[]}}"""),
        new("response.output_item.done", """{"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_0","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"The answer is 42.","annotations":[]}]}}"""),
        new("response.completed", """{"type":"response.completed","sequence_number":9,"response":{"id":"resp_rehearsal","object":"response","created_at":1760000000,"status":"completed","model":"rehearsal","output":[{"id":"msg_0","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"The answer is 42.","annotations":[]}]}],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null,"usage":{"input_tokens":40,"input_tokens_details":{"cached_tokens":0},"output_tokens":6,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":46}}}"""),
    ];
}
