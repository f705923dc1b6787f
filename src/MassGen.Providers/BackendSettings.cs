using System.Text.Json.Nodes;

namespace MassGen.Providers;

/// <summary>
/// One agent's <c>backend</c> block (CONFIG.md): which provider and model, and how to call it. Keys the record does not
/// name go to <see cref="AdditionalProperties"/> and reach the provider unchanged, so configurations written for the
/// original MassGen keep working.
/// </summary>
/// <param name="Type">Backend type from the catalog (<c>openai</c>, <c>claude</c>, <c>chatcompletion</c>…).</param>
public sealed record BackendSettings(string Type)
{
    /// <summary>Model id (a deployment name for <c>azure_openai</c>, a <c>.gguf</c> path for <c>local</c>); the type's default when <c>null</c>.</summary>
    public string? Model { get; init; }

    /// <summary>API key; when <c>null</c> it is read from the type's environment variable.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Base URL; the type's default when <c>null</c>. OpenAI-style URLs include <c>/v1</c>; Anthropic's do not.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    public float? TopP { get; init; }

    /// <summary>Most output tokens per call (<c>max_tokens</c>). Anthropic requires one: 4096 when not set.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Reasoning (<c>reasoning: {effort, summary}</c>), where the provider supports it.</summary>
    public ReasoningSettings? Reasoning { get; init; }

    /// <summary><c>text.verbosity</c> (<c>low</c>, <c>medium</c>, <c>high</c>) for OpenAI models that take it.</summary>
    public string? TextVerbosity { get; init; }

    /// <summary>
    /// Whether the provider may keep the requests and responses (<c>store</c>). OpenAI's Responses API keeps them unless
    /// told otherwise, so the <c>openai</c> type sends <c>store: false</c> when this is <c>null</c>; Chat Completions
    /// types send the field only when it is set. Anthropic, Claude Code and local models have no such setting.
    /// </summary>
    public bool? Store { get; init; }

    /// <summary>Adds the provider's web search tool (<c>enable_web_search</c>).</summary>
    public bool EnableWebSearch { get; init; }

    /// <summary>Adds the provider's code execution tool (<c>enable_code_execution</c>, Anthropic).</summary>
    public bool EnableCodeExecution { get; init; }

    /// <summary>Adds the provider's code interpreter (<c>enable_code_interpreter</c>, OpenAI).</summary>
    public bool EnableCodeInterpreter { get; init; }

    /// <summary>Per-agent price (<c>price:</c>) replacing the price table's entry for the model.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>
    /// Every other backend key. <c>extra_body</c> (an object) is merged into the request body; any other key is sent
    /// as a top-level body field with its JSON value (for example <c>top_k</c>, <c>chat_template_kwargs</c>).
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> AdditionalProperties { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary><c>local</c> only: context window in tokens (default 4096).</summary>
    public int? ContextSize { get; init; }

    /// <summary><c>local</c> only: CPU threads (default: the runtime's choice).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Longest silence allowed between two streamed chunks (and before the first one) before the call counts as
    /// stalled; default 60 s. A stall before the first chunk is retried once (a second one means the provider is stuck),
    /// so a silent provider fails after about two idle periods. There is deliberately no total timeout: a stream that
    /// keeps producing is never cut.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Retries of a transient failure (408, 429, 5xx, connection errors before the first chunk); default 3.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>Requests per minute shared by every agent on the same provider and key; null for the type's default, 0 for none.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Estimated input tokens per minute, shared the same way; null for the type's default, 0 for none.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>HTTP headers added to every request of this agent (<c>extra_headers</c>), e.g. an organisation or a gateway key.</summary>
    public IReadOnlyDictionary<string, string> ExtraHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>claude_code</c> only: the CLI's working directory, readable folders, MCP servers and tool permissions;
    /// <c>null</c> starts it with no MCP servers, no command line and no workspace.
    /// </summary>
    public ClaudeCodeSettings? ClaudeCode { get; init; }
}
