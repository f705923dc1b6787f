namespace MassGen.Testing.Providers;

/// <summary>
/// One scripted model answer: what the fake server streams back for one request, in whichever wire protocol the
/// request used. Build it fluently: <c>FakeTurn.Text("Hel", "lo").WithUsage(12, 3)</c>. A turn serves one request.
/// </summary>
public sealed class FakeTurn
{
    private readonly List<FakeTurnPart> _parts = [];
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The parts of the answer in the order they are streamed.</summary>
    public IReadOnlyList<FakeTurnPart> Parts => _parts;

    /// <summary>The parts every protocol renders (text, reasoning, tool calls); the Gemini-only kinds are left out.</summary>
    public IEnumerable<FakeTurnPart> CommonParts => _parts.Where(p => p.Kind is FakePartKind.Text or FakePartKind.Reasoning or FakePartKind.ToolCall);

    /// <summary>Gemini only: the search queries of Google Search grounding, sent with the last chunk.</summary>
    public IReadOnlyList<string> SearchQueries { get; private set; } = [];

    /// <summary>Gemini only: the web sources of Google Search grounding, sent with the last chunk.</summary>
    public IReadOnlyList<FakeSource> Sources { get; private set; } = [];

    /// <summary>Gemini only: the <c>finishReason</c> of the last chunk (default <c>STOP</c>).</summary>
    public string? FinishReason { get; private set; }

    /// <summary>Gemini only: a <c>promptFeedback.blockReason</c> answered instead of candidates.</summary>
    public string? PromptBlockReason { get; private set; }

    /// <summary>Gemini only: the answer carries no candidates at all.</summary>
    public bool NoCandidates { get; private set; }

    /// <summary>Usage reported at the end; <c>null</c> reports none.</summary>
    public FakeUsage? Usage { get; private set; }

    /// <summary>The HTTP error answered instead of a stream, when set.</summary>
    public FakeError? ErrorResponse { get; private set; }

    /// <summary>The fault injected into the stream, when set.</summary>
    public FakeFault Fault { get; private set; }

    /// <summary>How many protocol events are sent before <see cref="Fault"/> strikes.</summary>
    public int FaultAfterEvents { get; private set; }

    /// <summary>Completes when a <see cref="FakeFault.Stall"/> or <see cref="FakeFault.Cut"/> turn reaches its fault point.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Completes when the client closed the connection before the turn was fully sent.</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>
    /// Completes when the request this turn answers has arrived and been recorded, before <see cref="Gate"/> is awaited:
    /// the request's content (the prompt the engine built) is fixed from then on.
    /// </summary>
    public Task Received => _received.Task;

    /// <summary>Completes when the turn was fully written (or its error answered).</summary>
    public Task Served => _served.Task;

    /// <summary>A text answer streamed as the given chunks.</summary>
    public static FakeTurn Text(params string[] chunks) => new FakeTurn().WithText(chunks);

    /// <summary>An answer that calls one function.</summary>
    public static FakeTurn ToolCall(string name, string argumentsJson, string? id = null) =>
        new FakeTurn().WithToolCall(name, argumentsJson, id);

    /// <summary>
    /// An HTTP error in the provider's own error format (for example 401, 429 with <paramref name="retryAfter"/>, 500).
    /// </summary>
    public static FakeTurn Error(int statusCode, string message, TimeSpan? retryAfter = null) =>
        new() { ErrorResponse = new FakeError(statusCode, message, retryAfter) };

    /// <summary>A 200 answer without a single byte of body (no events, no JSON), as a broken proxy may send.</summary>
    public static FakeTurn Empty() => new FakeTurn().WithFault(FakeFault.Empty, 0);

    /// <summary>Appends text, streamed as the given chunks.</summary>
    public FakeTurn WithText(params string[] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _parts.Add(new FakeTurnPart(FakePartKind.Text, chunks));
        return this;
    }

    /// <summary>Appends reasoning (thinking), streamed as the given chunks, in the protocol's reasoning field.</summary>
    public FakeTurn WithReasoning(params string[] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _parts.Add(new FakeTurnPart(FakePartKind.Reasoning, chunks));
        return this;
    }

    /// <summary>
    /// Appends a reasoning item of an OpenAI Responses reasoning model: its summary streamed as
    /// <paramref name="summaryChunks"/> (none: the model reasons silently, as without <c>reasoning.summary</c>) and
    /// <paramref name="encryptedContent"/> as its <c>encrypted_content</c> when the request includes it. Other protocols
    /// render it as plain reasoning text.
    /// </summary>
    public FakeTurn WithEncryptedReasoning(string encryptedContent, params string[] summaryChunks)
    {
        ArgumentException.ThrowIfNullOrEmpty(encryptedContent);
        ArgumentNullException.ThrowIfNull(summaryChunks);
        _parts.Add(new FakeTurnPart(FakePartKind.Reasoning, summaryChunks) { EncryptedContent = encryptedContent });
        return this;
    }

    /// <summary>
    /// Appends a function call whose JSON arguments are split over <paramref name="pieces"/> chunks (as real providers
    /// stream them). Several calls make a parallel tool-call answer.
    /// </summary>
    public FakeTurn WithToolCall(string name, string argumentsJson, string? id = null, int pieces = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        var callId = id ?? $"call_{_parts.Count + 1}";
        _parts.Add(new FakeTurnPart(FakePartKind.ToolCall, Split(argumentsJson, pieces)) { ToolName = name, ToolCallId = callId });
        return this;
    }

    /// <summary>Gemini only: code the model ran with Gemini's code execution tool, and its output.</summary>
    public FakeTurn WithCodeExecution(string code, string output)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(output);
        _parts.Add(new FakeTurnPart(FakePartKind.CodeExecution, [code, output]));
        return this;
    }

    /// <summary>Gemini only: a part written verbatim (for example one of a type no client knows).</summary>
    public FakeTurn WithRawPart(string partJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(partJson);
        _parts.Add(new FakeTurnPart(FakePartKind.RawPart, [partJson]));
        return this;
    }

    /// <summary>Gemini only: Google Search grounding (queries and sources) in the answer's last chunk.</summary>
    public FakeTurn WithGrounding(IReadOnlyList<string> queries, params FakeSource[] sources)
    {
        SearchQueries = queries;
        Sources = sources;
        return this;
    }

    /// <summary>Gemini only: the last chunk's <c>finishReason</c> (for example <c>SAFETY</c>, <c>MAX_TOKENS</c>).</summary>
    public FakeTurn WithFinishReason(string finishReason)
    {
        FinishReason = finishReason;
        return this;
    }

    /// <summary>Gemini only: the prompt is blocked (<c>promptFeedback.blockReason</c>), no candidates.</summary>
    public FakeTurn WithPromptBlocked(string blockReason)
    {
        PromptBlockReason = blockReason;
        return this;
    }

    /// <summary>Gemini only: the answer has an empty <c>candidates</c> list.</summary>
    public FakeTurn WithNoCandidates()
    {
        NoCandidates = true;
        return this;
    }

    /// <summary>
    /// Reports usage. <paramref name="inputTokens"/> includes <paramref name="cachedInputTokens"/> and
    /// <paramref name="outputTokens"/> includes <paramref name="reasoningTokens"/> (OpenAI's convention; the Anthropic
    /// rendering subtracts the cached and cache-written parts as that API does). <paramref name="cacheWriteInputTokens"/>
    /// is a part of <paramref name="inputTokens"/> that only Anthropic reports apart.
    /// </summary>
    public FakeTurn WithUsage(int inputTokens, int outputTokens, int cachedInputTokens = 0, int reasoningTokens = 0, int cacheWriteInputTokens = 0)
    {
        Usage = new FakeUsage(inputTokens, outputTokens, cachedInputTokens, reasoningTokens, cacheWriteInputTokens);
        return this;
    }

    /// <summary>
    /// Holds the answer until <paramref name="gate"/> completes (the request is recorded at once), so a test can order
    /// parallel agents with barriers instead of delays.
    /// </summary>
    public FakeTurn After(Task gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        Gate = gate;
        return this;
    }

    /// <summary>What the answer waits for (see <see cref="After"/>); a completed task when nothing.</summary>
    public Task Gate { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Closes the connection abruptly (a TCP reset) after <paramref name="events"/> protocol events. With events sent,
    /// the server waits for <see cref="CutNow"/> first, however long that takes, because a reset can lose bytes the
    /// client has not read yet: call it once the client has the partial answer (a turn never told holds its request).
    /// </summary>
    public FakeTurn CutAfter(int events) => WithFault(FakeFault.Cut, events);

    /// <summary>Sends a half-written JSON event after <paramref name="events"/> good ones, then ends the stream.</summary>
    public FakeTurn MalformedAfter(int events) => WithFault(FakeFault.MalformedJson, events);

    /// <summary>
    /// Sends <paramref name="events"/> events (0: not even the headers) and then nothing, until the client gives up.
    /// </summary>
    public FakeTurn StallAfter(int events) => WithFault(FakeFault.Stall, events);

    /// <summary>The whole text of the answer (all text parts joined).</summary>
    public string FullText => string.Concat(_parts.Where(p => p.Kind == FakePartKind.Text).SelectMany(p => p.Chunks));

    /// <summary>Lets a <see cref="FakeFault.Cut"/> turn that reached its fault point cut the connection now.</summary>
    public void CutNow() => _cut.TrySetResult();

    internal Task CutRequested => _cut.Task;

    internal void MarkStalled() => _stalled.TrySetResult();

    internal void MarkDisconnected() => _disconnected.TrySetResult();

    internal void MarkServed() => _served.TrySetResult();

    internal void MarkReceived() => _received.TrySetResult();

    private FakeTurn WithFault(FakeFault fault, int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        Fault = fault;
        FaultAfterEvents = events;
        return this;
    }

    private static string[] Split(string text, int pieces)
    {
        if (pieces <= 1 || text.Length < 2)
        {
            return [text];
        }

        var size = (int)Math.Ceiling(text.Length / (double)pieces);
        return [.. Enumerable.Range(0, pieces).Select(i => i * size).Where(start => start < text.Length)
            .Select(start => text.Substring(start, Math.Min(size, text.Length - start)))];
    }
}
