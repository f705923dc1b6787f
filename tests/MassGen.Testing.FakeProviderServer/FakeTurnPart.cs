namespace MassGen.Testing.Providers;

/// <summary>What a part of a scripted answer is.</summary>
public enum FakePartKind
{
    /// <summary>Answer text.</summary>
    Text,

    /// <summary>Reasoning (thinking) text.</summary>
    Reasoning,

    /// <summary>A function call; its chunks are the argument JSON pieces.</summary>
    ToolCall,

    /// <summary>Gemini only: code the model ran (chunk 0) and its output (chunk 1), as executableCode and codeExecutionResult parts.</summary>
    CodeExecution,

    /// <summary>Gemini only: one part written verbatim (its single chunk is the part's JSON), for parts of unknown type.</summary>
    RawPart,
}

/// <summary>One part of a <see cref="FakeTurn"/>.</summary>
/// <param name="Kind">What the part is.</param>
/// <param name="Chunks">The streamed pieces (text deltas or argument JSON pieces).</param>
public sealed record FakeTurnPart(FakePartKind Kind, IReadOnlyList<string> Chunks)
{
    /// <summary>Function name of a tool call.</summary>
    public string? ToolName { get; init; }

    /// <summary>Call id of a tool call.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>
    /// The opaque reasoning state of a Responses reasoning item, returned as <c>encrypted_content</c> only when the
    /// request asked for it (<c>include: ["reasoning.encrypted_content"]</c>), as the API does.
    /// </summary>
    public string? EncryptedContent { get; init; }

    /// <summary>The whole text or argument JSON.</summary>
    public string Joined => string.Concat(Chunks);
}

/// <summary>
/// Scripted token usage (OpenAI convention: input includes cached and cache-written tokens, output includes reasoning).
/// <paramref name="CacheWriteInputTokens"/> is what Anthropic reports as <c>cache_creation_input_tokens</c>.
/// </summary>
public sealed record FakeUsage(int InputTokens, int OutputTokens, int CachedInputTokens, int ReasoningTokens, int CacheWriteInputTokens = 0);

/// <summary>A web source of Google Search grounding.</summary>
/// <param name="Uri">The source's address.</param>
/// <param name="Title">The source's title.</param>
public sealed record FakeSource(string Uri, string Title);

/// <summary>A scripted HTTP error.</summary>
public sealed record FakeError(int StatusCode, string Message, TimeSpan? RetryAfter);

/// <summary>A fault injected into a streamed answer.</summary>
public enum FakeFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>The connection is aborted mid-stream.</summary>
    Cut,

    /// <summary>A half-written JSON event, then the end of the stream.</summary>
    MalformedJson,

    /// <summary>The server stops sending and waits until the client disconnects.</summary>
    Stall,

    /// <summary>A 200 with the protocol's content type and no body at all.</summary>
    Empty,
}
