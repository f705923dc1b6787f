namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The Gemini API's <c>streamGenerateContent?alt=sse</c>: unnamed events, each a whole <c>GenerateContentResponse</c>
/// with the running <c>usageMetadata</c>. A function call arrives whole in one part (Gemini does not split arguments),
/// with the thought signature Gemini puts on an answer's first call; the last chunk has the finish reason.
/// </summary>
internal static class CannedGemini
{
    public static IReadOnlyList<SseEvent> FunctionCall { get; } =
    [
        new(null, """{"candidates":[{"content":{"parts":[{"functionCall":{"id":"call_rehearsal","name":"new_answer","args":{"content":"42"}},"thoughtSignature":"c2lnbmF0dXJl"}],"role":"model"},"index":0,"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":6,"totalTokenCount":46},"modelVersion":"rehearsal","responseId":"resp_rehearsal"}"""),
    ];

    public static IReadOnlyList<SseEvent> Text { get; } =
    [
        new(null, """{"candidates":[{"content":{"parts":[{"text":"The answer "}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":1,"totalTokenCount":41},"modelVersion":"rehearsal","responseId":"resp_rehearsal"}"""),
        new(null, """{"candidates":[{"content":{"parts":[{"text":"is 42."}],"role":"model"},"index":0,"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":6,"totalTokenCount":46},"modelVersion":"rehearsal","responseId":"resp_rehearsal"}"""),
    ];
}
