using System.Text.Json;

namespace MassGen.Providers.Gemini;

// The response side of the Gemini API: a GenerateContentResponse, which is also each chunk of a stream.

/// <summary>A <c>GenerateContentResponse</c> (a whole answer, or one streamed chunk).</summary>
internal sealed class GeminiResponse
{
    public List<GeminiCandidate>? Candidates { get; set; }

    public GeminiPromptFeedback? PromptFeedback { get; set; }

    /// <summary>Running totals: every streamed chunk repeats them, the last one is the answer's usage.</summary>
    public GeminiUsageMetadata? UsageMetadata { get; set; }

    public string? ModelVersion { get; set; }

    public string? ResponseId { get; set; }
}

internal sealed class GeminiCandidate
{
    public GeminiContent? Content { get; set; }

    public string? FinishReason { get; set; }

    public string? FinishMessage { get; set; }

    public GeminiGroundingMetadata? GroundingMetadata { get; set; }
}

internal sealed class GeminiPromptFeedback
{
    public string? BlockReason { get; set; }

    public string? BlockReasonMessage { get; set; }
}

internal sealed class GeminiUsageMetadata
{
    /// <summary>Prompt tokens, cached ones included.</summary>
    public int? PromptTokenCount { get; set; }

    /// <summary>Answer tokens, thoughts excluded.</summary>
    public int? CandidatesTokenCount { get; set; }

    public int? ThoughtsTokenCount { get; set; }

    public int? CachedContentTokenCount { get; set; }

    public int? ToolUsePromptTokenCount { get; set; }

    public int? TotalTokenCount { get; set; }
}

internal sealed class GeminiGroundingMetadata
{
    public List<string>? WebSearchQueries { get; set; }

    public List<GeminiGroundingChunk>? GroundingChunks { get; set; }

    public JsonElement? SearchEntryPoint { get; set; }

    public JsonElement? GroundingSupports { get; set; }
}

internal sealed class GeminiGroundingChunk
{
    public GeminiWebSource? Web { get; set; }
}

internal sealed class GeminiWebSource
{
    public string? Uri { get; set; }

    public string? Title { get; set; }
}
