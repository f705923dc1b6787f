using System.Text.Json.Nodes;

namespace MassGen.Testing.Providers.Internal;

/// <summary>
/// Renders a turn as the Gemini API: a stream of <c>GenerateContentResponse</c> chunks (SSE <c>data:</c> lines without
/// event names), or one such object. Every chunk repeats the running <c>usageMetadata</c> totals, as Gemini does.
/// </summary>
internal static class GeminiWire
{
    public static IEnumerable<SseEvent> Stream(FakeTurn turn, string model)
    {
        if (turn.PromptBlockReason is not null || turn.NoCandidates)
        {
            yield return new SseEvent(null, Complete(turn, model).ToJsonString());
            yield break;
        }

        var output = 0;
        var thoughts = 0;
        var chunks = Chunks(turn).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var (part, outputTokens, thoughtTokens) = chunks[i];
            output += outputTokens;
            thoughts += thoughtTokens;
            var last = i == chunks.Count - 1;
            yield return new SseEvent(null, Response(turn, model, [part], last, output, thoughts).ToJsonString());
        }

        if (chunks.Count == 0)
        {
            yield return new SseEvent(null, Response(turn, model, [], last: true, 0, 0).ToJsonString());
        }
    }

    public static JsonObject Complete(FakeTurn turn, string model)
    {
        if (turn.PromptBlockReason is { } reason)
        {
            return new JsonObject
            {
                ["promptFeedback"] = new JsonObject { ["blockReason"] = reason, ["blockReasonMessage"] = $"The prompt was blocked for {reason}." },
                ["usageMetadata"] = Usage(turn, null, null),
                ["modelVersion"] = model,
                ["responseId"] = "resp_fake",
            };
        }

        if (turn.NoCandidates)
        {
            return new JsonObject { ["candidates"] = new JsonArray(), ["usageMetadata"] = Usage(turn, null, null), ["modelVersion"] = model, ["responseId"] = "resp_fake" };
        }

        var parts = new List<JsonNode>();
        foreach (var part in turn.Parts)
        {
            switch (part.Kind)
            {
                case FakePartKind.Text:
                    parts.Add(new JsonObject { ["text"] = part.Joined });
                    break;
                case FakePartKind.Reasoning:
                    parts.Add(new JsonObject { ["text"] = part.Joined, ["thought"] = true });
                    break;
                default:
                    parts.AddRange(Chunks(turn, part).Select(c => c.Part));
                    break;
            }
        }

        return Response(turn, model, parts, last: true, turn.Usage?.OutputTokens - turn.Usage?.ReasoningTokens ?? 0, turn.Usage?.ReasoningTokens ?? 0);
    }

    public static JsonObject Error(int status, string message, TimeSpan? retryAfter)
    {
        var error = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = Status(status) };
        if (retryAfter is { } wait)
        {
            // Gemini sends the wait in the body (google.rpc.RetryInfo), not in a Retry-After header.
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
                ["retryDelay"] = $"{(int)Math.Ceiling(wait.TotalSeconds)}s",
            });
        }

        return new JsonObject { ["error"] = error };
    }

    private static string Status(int status) => status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };

    // One chunk per text or reasoning piece, one per function call (whole arguments: Gemini does not split them), and
    // the executable code and its result as two chunks. Tokens: one per piece, so the running totals grow.
    private static IEnumerable<(JsonNode Part, int OutputTokens, int ThoughtTokens)> Chunks(FakeTurn turn) =>
        turn.Parts.SelectMany(part => Chunks(turn, part));

    private static IEnumerable<(JsonNode Part, int OutputTokens, int ThoughtTokens)> Chunks(FakeTurn turn, FakeTurnPart part)
    {
        switch (part.Kind)
        {
            case FakePartKind.Text:
                foreach (var chunk in part.Chunks)
                {
                    yield return (new JsonObject { ["text"] = chunk }, 1, 0);
                }

                break;
            case FakePartKind.Reasoning:
                foreach (var chunk in part.Chunks)
                {
                    yield return (new JsonObject { ["text"] = chunk, ["thought"] = true }, 0, 1);
                }

                break;
            case FakePartKind.ToolCall:
                var first = turn.Parts.First(p => p.Kind == FakePartKind.ToolCall) == part;
                var call = new JsonObject
                {
                    ["functionCall"] = new JsonObject { ["id"] = part.ToolCallId, ["name"] = part.ToolName, ["args"] = JsonNode.Parse(part.Joined) },
                };
                if (first)
                {
                    // Gemini puts the thought signature on the first function call of an answer.
                    call["thoughtSignature"] = "c2lnbmF0dXJl";
                }

                yield return (call, 1, 0);
                break;
            case FakePartKind.CodeExecution:
                yield return (new JsonObject { ["executableCode"] = new JsonObject { ["language"] = "PYTHON", ["code"] = part.Chunks[0] } }, 1, 0);
                yield return (new JsonObject { ["codeExecutionResult"] = new JsonObject { ["outcome"] = "OUTCOME_OK", ["output"] = part.Chunks[1] } }, 0, 0);
                break;
            case FakePartKind.RawPart:
                yield return (JsonNode.Parse(part.Chunks[0])!, 1, 0);
                break;
        }
    }

    private static JsonObject Response(FakeTurn turn, string model, IEnumerable<JsonNode> parts, bool last, int output, int thoughts)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray([.. parts]), ["role"] = "model" },
            ["index"] = 0,
        };
        if (last)
        {
            candidate["finishReason"] = turn.FinishReason ?? "STOP";
            if (turn.Sources.Count > 0 || turn.SearchQueries.Count > 0)
            {
                candidate["groundingMetadata"] = new JsonObject
                {
                    ["webSearchQueries"] = new JsonArray([.. turn.SearchQueries.Select(q => (JsonNode)q)]),
                    ["groundingChunks"] = new JsonArray([.. turn.Sources.Select(s => (JsonNode)new JsonObject
                    {
                        ["web"] = new JsonObject { ["uri"] = s.Uri, ["title"] = s.Title },
                    })]),
                    ["searchEntryPoint"] = new JsonObject { ["renderedContent"] = "<div>search</div>" },
                };
            }
        }

        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = Usage(turn, last ? null : output, last ? null : thoughts),
            ["modelVersion"] = model,
            ["responseId"] = "resp_fake",
        };
    }

    // Running totals: the prompt in full from the first chunk, the output so far; the last chunk has the script's totals.
    private static JsonObject Usage(FakeTurn turn, int? outputSoFar, int? thoughtsSoFar)
    {
        var usage = turn.Usage;
        var candidates = outputSoFar ?? ((usage?.OutputTokens ?? 0) - (usage?.ReasoningTokens ?? 0));
        var thoughts = thoughtsSoFar ?? usage?.ReasoningTokens ?? 0;
        var prompt = usage?.InputTokens ?? 0;
        var result = new JsonObject
        {
            ["promptTokenCount"] = prompt,
            ["candidatesTokenCount"] = candidates,
            ["totalTokenCount"] = prompt + candidates + thoughts,
        };
        if (thoughts > 0)
        {
            result["thoughtsTokenCount"] = thoughts;
        }

        if (usage?.CachedInputTokens is > 0 and var cached)
        {
            result["cachedContentTokenCount"] = cached;
        }

        return result;
    }
}
