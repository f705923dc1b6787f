using System.Text;
using System.Text.Json;
using MassGen.Providers.Internal;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Gemini;

/// <summary>
/// Reads one Gemini answer, chunk by chunk, into chat updates. Usage, grounding and the finish reason are kept until
/// the end: every chunk repeats the running usage totals, so the last one is the answer's usage (adding them up would
/// count the prompt once per chunk).
/// </summary>
internal sealed class GeminiResponseReader(string model)
{
    private static readonly HashSet<string> s_blockedFinishReasons = new(StringComparer.Ordinal)
    {
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE",
    };

    private GeminiUsageMetadata? _usage;
    private GeminiGroundingMetadata? _grounding;
    private string? _finishReason;
    private string? _finishMessage;
    private string? _responseId;
    private string? _modelVersion;
    private bool _sawChunk;
    private bool _sawCandidate;
    private bool _producedContent;
    private bool _calledFunction;
    private int _codeRuns;

    /// <summary>The contents of one chunk (possibly none); throws when the chunk says the answer is blocked.</summary>
    public ChatResponseUpdate Read(GeminiResponse chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _sawChunk = true;
        if (chunk.PromptFeedback?.BlockReason is { } blockReason)
        {
            throw new ProviderResponseException(
                $"the prompt was blocked ({blockReason}){(chunk.PromptFeedback.BlockReasonMessage is { } why ? $": {why}" : "")}",
                "rephrase the question, or relax safetySettings in the backend block");
        }

        _usage = chunk.UsageMetadata ?? _usage;
        _responseId ??= chunk.ResponseId;
        _modelVersion ??= chunk.ModelVersion;
        var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = _responseId, MessageId = _responseId, ModelId = _modelVersion ?? model };
        if (chunk.Candidates is not { Count: > 0 } candidates)
        {
            return update;
        }

        _sawCandidate = true;
        var candidate = candidates[0];
        _grounding = candidate.GroundingMetadata ?? _grounding;
        if (candidate.FinishReason is { } finish)
        {
            _finishReason = finish;
            _finishMessage = candidate.FinishMessage;
        }

        foreach (var part in candidate.Content?.Parts ?? [])
        {
            if (Content(part) is { } content)
            {
                update.Contents.Add(content);
                _producedContent = true;
            }
        }

        return update;
    }

    /// <summary>The closing update (grounding sources, usage, finish reason); throws when the answer is unusable.</summary>
    public ChatResponseUpdate Finish()
    {
        if (!_sawChunk)
        {
            throw ProviderResponseException.Empty();
        }

        if (!_sawCandidate)
        {
            throw new ProviderResponseException("the answer had no candidates", "try again; if it keeps happening, check the prompt against the model's safety settings");
        }

        if (_finishReason is null)
        {
            throw new ProviderResponseException("the answer ended before it was complete (no finishReason arrived)",
                "try again; if it keeps happening check the network or the provider's status", isTransient: true);
        }

        if (_finishReason is { } reason && s_blockedFinishReasons.Contains(reason))
        {
            throw new ProviderResponseException(
                $"the answer was stopped by the provider (finishReason {reason}){(_finishMessage is { } why ? $": {why}" : "")}",
                "rephrase the question, or relax safetySettings in the backend block");
        }

        if (_finishReason is "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS")
        {
            throw new ProviderResponseException(
                $"the model produced an unusable function call (finishReason {_finishReason}){(_finishMessage is { } why ? $": {why}" : "")}",
                "try again; a model with stronger function calling (gemini-2.5-pro, gemini-3) is less prone to it", isTransient: true);
        }

        if (_finishReason is "MAX_TOKENS" && !_producedContent)
        {
            throw new ProviderResponseException("the answer hit maxOutputTokens before producing anything (finishReason MAX_TOKENS)",
                "raise max_tokens, or lower the thinking budget (reasoning.effort)");
        }

        if (_finishReason is { } other && other is not ("STOP" or "MAX_TOKENS" or "FINISH_REASON_UNSPECIFIED"))
        {
            throw new ProviderResponseException($"the answer ended with finishReason {other}{(_finishMessage is { } why ? $": {why}" : "")}",
                "try again, or check the request against the model's limits");
        }

        var update = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelVersion ?? model,
            FinishReason = _calledFunction ? ChatFinishReason.ToolCalls : _finishReason == "MAX_TOKENS" ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
        if (_grounding is { } grounding)
        {
            foreach (var content in GeminiGrounding.Contents(grounding))
            {
                update.Contents.Add(content);
            }
        }

        if (_usage is { } usage)
        {
            update.Contents.Add(new UsageContent(Usage(usage)));
        }

        return update;
    }

    /// <summary>Gemini's usage in our terms: input includes cached tokens, output includes thoughts.</summary>
    public static UsageDetails Usage(GeminiUsageMetadata usage)
    {
        var thoughts = usage.ThoughtsTokenCount ?? 0;
        var input = (usage.PromptTokenCount ?? 0) + (usage.ToolUsePromptTokenCount ?? 0);
        return new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = (usage.CandidatesTokenCount ?? 0) + thoughts,
            ReasoningTokenCount = thoughts,
            CachedInputTokenCount = usage.CachedContentTokenCount ?? 0,
            TotalTokenCount = usage.TotalTokenCount,
        };
    }

    private AIContent? Content(GeminiPart part)
    {
        AIContent? content;
        if (part.FunctionCall is { } call)
        {
            content = FunctionCall(call);
            _calledFunction = true;
        }
        else if (part.Text is { } text)
        {
            if (text.Length == 0 && part.ThoughtSignature is null)
            {
                return null;
            }

            content = part.Thought == true
                ? new TextReasoningContent(text) { ProtectedData = part.ThoughtSignature }
                : new TextContent(text);
        }
        else if (part.ExecutableCode is { } code)
        {
            content = new CodeInterpreterToolCallContent(code.Id ?? $"code_{++_codeRuns}")
            {
                Inputs = [new DataContent(Encoding.UTF8.GetBytes(code.Code ?? ""), "text/x-python")],
            };
        }
        else if (part.CodeExecutionResult is { } result)
        {
            content = new CodeInterpreterToolResultContent(result.Id ?? $"code_{Math.Max(_codeRuns, 1)}")
            {
                Outputs = [new TextContent(result.Output ?? "")],
                AdditionalProperties = new() { ["outcome"] = result.Outcome },
            };
        }
        else if (part.InlineData is { Data: { } data } inline)
        {
            content = new DataContent(Convert.FromBase64String(data), inline.MimeType ?? "application/octet-stream");
        }
        else if (part.ToolCall is not null || part.ToolResponse is not null || part.FileData is not null
            || (part.ThoughtSignature is not null && part.Unknown is null))
        {
            // Server-side tool invocations (Gemini 3) and a bare signature carry nothing to show; grounding arrives apart.
            return null;
        }
        else
        {
            var names = part.Unknown is { Count: > 0 } unknown ? string.Join(", ", unknown.Keys) : "(empty part)";
            throw new ProviderResponseException($"the answer has a part of unknown type ({names})",
                "this client does not understand that part; check that base_url points at the Gemini API and the model is a text model");
        }

        if (part.ThoughtSignature is { } signature && content is not TextReasoningContent)
        {
            content.AdditionalProperties ??= [];
            content.AdditionalProperties[GeminiRequestBuilder.ThoughtSignatureKey] = signature;
        }

        return content;
    }

    private static FunctionCallContent FunctionCall(GeminiFunctionCall call)
    {
        var name = call.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ProviderResponseException("the answer has a function call without a name", "try again", isTransient: true);
        }

        Dictionary<string, object?> arguments;
        if (call.Args is not { } args || args.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            arguments = [];
        }
        else if (args.ValueKind == JsonValueKind.Object)
        {
            arguments = args.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        }
        else
        {
            throw new ProviderResponseException(
                $"function call '{name}' has arguments that are not a JSON object ({Preview(args.GetRawText())})",
                "try again; the model sent malformed arguments", isTransient: true);
        }

        // Gemini 2.x sends no call ids: each call gets one that is unique in the conversation.
        return new FunctionCallContent(call.Id ?? $"call_{Guid.NewGuid():N}", name, arguments);
    }

    private static string Preview(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
