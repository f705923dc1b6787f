using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;

namespace MassGen.Configuration;

/// <summary>
/// An agent's <c>backend</c> block: which provider and model, provider options, and the agent's tools (CONFIG.md,
/// "Backend block").
/// </summary>
/// <param name="Type">The backend type, lower case (<c>openai</c>, <c>claude</c>, <c>chatcompletion</c>…; see <see cref="ProviderCatalog"/>).</param>
/// <param name="Model">The model; the type's default model when the file gives none.</param>
public sealed partial record BackendConfig(string Type, string Model)
{
    /// <summary>True when <c>type</c> was not written and was inferred from the model name.</summary>
    public bool TypeInferred { get; init; }

    /// <summary>An explicit API key (<c>api_key</c>); <c>null</c> to use the provider's environment variable.</summary>
    public string? ApiKey { get; init; }

    /// <summary>An explicit endpoint (<c>base_url</c>); <c>null</c> to use the type's default URL.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Sampling temperature (<c>temperature</c>), 0–2.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling (<c>top_p</c>), 0–1.</summary>
    public double? TopP { get; init; }

    /// <summary>Output token limit (<c>max_tokens</c>).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Retries of a transient provider failure (<c>max_retries</c>); <c>null</c> for the provider's default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>Requests per minute shared by every agent on the same provider and key (<c>requests_per_minute</c>); <c>null</c> for the provider's default, 0 for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Estimated input tokens per minute shared like <see cref="RequestsPerMinute"/> (<c>tokens_per_minute</c>); <c>null</c> for the provider's default, 0 for no limit.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Longest silence between streamed chunks before a call counts as stalled (<c>idle_timeout</c>, seconds); <c>null</c> for the default.</summary>
    public double? IdleTimeoutSeconds { get; init; }

    /// <summary>
    /// Whether the provider may keep requests and responses (<c>store</c>); <c>null</c> for MassGen's default, which for
    /// the <c>openai</c> type is <c>false</c> (the API's own default would keep them).
    /// </summary>
    public bool? Store { get; init; }

    /// <summary>Context window in tokens (<c>context_size</c>, type <c>local</c> only).</summary>
    public int? ContextSize { get; init; }

    /// <summary>CPU threads (<c>threads</c>, type <c>local</c> only).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Every other key of the block, as written, for the provider to send as additional request properties
    /// (<c>reasoning</c>, <c>text</c>, <c>extra_body</c>, <c>top_k</c>…). <c>${VAR}</c> references are already expanded.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> ProviderOptions { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Turn on the provider's built-in web search (<c>enable_web_search</c>).</summary>
    public bool EnableWebSearch { get; init; }

    /// <summary>Turn on the provider's code execution tool (<c>enable_code_execution</c>, Claude).</summary>
    public bool EnableCodeExecution { get; init; }

    /// <summary>Turn on the provider's code interpreter (<c>enable_code_interpreter</c>, OpenAI).</summary>
    public bool EnableCodeInterpreter { get; init; }

    /// <summary>MCP servers whose tools this agent gets (<c>mcp_servers</c>).</summary>
    public IReadOnlyList<McpServerConfig> McpServers { get; init; } = [];

    /// <summary>Only these tool names (<c>mcp__server__tool</c>) are offered; <c>null</c> for no filter.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>These tool names are never offered.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary>The agent's workspace folder (<c>cwd</c>); <c>null</c> for an agent without a workspace.</summary>
    public string? Cwd { get; init; }

    /// <summary>Per-agent context paths, merged with the orchestrator's.</summary>
    public IReadOnlyList<ContextPathConfig> ContextPaths { get; init; } = [];

    /// <summary>
    /// Give the agent the <c>execute_command</c> tool (<c>enable_mcp_command_line</c>); for <c>claude_code</c>, allow the
    /// CLI's own Bash tool instead.
    /// </summary>
    public bool EnableMcpCommandLine { get; init; }

    /// <summary><c>claude_code</c> only: tools the CLI must not use (<c>disallowed_tools</c>, e.g. <c>Bash(git push:*)</c>).</summary>
    public IReadOnlyList<string> DisallowedTools { get; init; } = [];

    /// <summary><c>claude_code</c> only: the CLI's <c>--permission-mode</c> (<c>permission_mode</c>); <c>null</c> for MassGen's default.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>Regexes a command must match to run (<c>command_line_allowed_commands</c>); empty allows any.</summary>
    public IReadOnlyList<string> CommandLineAllowedCommands { get; init; } = [];

    /// <summary>Regexes that refuse a command (<c>command_line_blocked_commands</c>).</summary>
    public IReadOnlyList<string> CommandLineBlockedCommands { get; init; } = [];

    /// <summary>How commands are isolated: mode, network, environment, limits (<c>command_line_*</c>).</summary>
    public CommandLineConfig CommandLine { get; init; } = new();

    /// <summary>A price overriding the price table for this agent (<c>price</c>, new).</summary>
    public PriceConfig? Price { get; init; }

    /// <summary>The catalog entry of <see cref="Type"/>.</summary>
    public BackendTypeInfo TypeInfo => ProviderCatalog.Find(Type)
        ?? throw new InvalidOperationException($"Backend type '{Type}' is not in the provider catalog.");

    /// <summary><see cref="BaseUrl"/>, or the type's default URL when the file gives none.</summary>
    public string? EffectiveBaseUrl => BaseUrl ?? TypeInfo.DefaultBaseUrl;
}
