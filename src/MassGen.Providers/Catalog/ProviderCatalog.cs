namespace MassGen.Providers.Catalog;

/// <summary>
/// Every backend type MassGen knows, as data (PROVIDERS.md). The configuration validator and the provider factory both
/// read it, so a capability is declared once.
/// </summary>
public static class ProviderCatalog
{
    private const ProviderCapabilities Chat = ProviderCapabilities.FunctionTools;

    private static readonly BackendTypeInfo[] s_types =
    [
        new("openai", "OpenAI", WireProtocol.OpenAIResponses, ["OPENAI_API_KEY"], "https://api.openai.com/v1", "gpt-5-mini",
            Chat | ProviderCapabilities.WebSearch | ProviderCapabilities.CodeInterpreter | ProviderCapabilities.ReasoningStream),
        new("chatcompletion", "OpenAI-compatible", WireProtocol.ChatCompletions, [], null, null, Chat | ProviderCapabilities.ReasoningStream),
        new("claude", "Anthropic", WireProtocol.AnthropicMessages, ["ANTHROPIC_API_KEY"], "https://api.anthropic.com", "claude-sonnet-4-5",
            Chat | ProviderCapabilities.WebSearch | ProviderCapabilities.CodeExecution | ProviderCapabilities.ReasoningStream),
        new("gemini", "Google Gemini", WireProtocol.Gemini, ["GEMINI_API_KEY", "GOOGLE_API_KEY"], "https://generativelanguage.googleapis.com/v1beta", "gemini-2.5-flash",
            Chat | ProviderCapabilities.WebSearch | ProviderCapabilities.CodeExecution | ProviderCapabilities.ReasoningStream),
        new("gemini_openai", "Google Gemini (OpenAI-compatible)", WireProtocol.ChatCompletions, ["GEMINI_API_KEY", "GOOGLE_API_KEY"], "https://generativelanguage.googleapis.com/v1beta/openai", "gemini-2.5-flash",
            Chat | ProviderCapabilities.ReasoningStream),
        new("grok", "xAI Grok", WireProtocol.ChatCompletions, ["XAI_API_KEY"], "https://api.x.ai/v1", "grok-4",
            Chat | ProviderCapabilities.WebSearch | ProviderCapabilities.ReasoningStream),
        new("azure_openai", "Azure OpenAI", WireProtocol.AzureOpenAI, ["AZURE_OPENAI_API_KEY"], null, null, Chat),
        new("cerebras", "Cerebras", WireProtocol.ChatCompletions, ["CEREBRAS_API_KEY"], "https://api.cerebras.ai/v1", null, Chat),
        new("together", "Together AI", WireProtocol.ChatCompletions, ["TOGETHER_API_KEY"], "https://api.together.xyz/v1", null, Chat),
        new("fireworks", "Fireworks AI", WireProtocol.ChatCompletions, ["FIREWORKS_API_KEY"], "https://api.fireworks.ai/inference/v1", null, Chat),
        new("groq", "Groq", WireProtocol.ChatCompletions, ["GROQ_API_KEY"], "https://api.groq.com/openai/v1", null, Chat),
        new("openrouter", "OpenRouter", WireProtocol.ChatCompletions, ["OPENROUTER_API_KEY"], "https://openrouter.ai/api/v1", null, Chat),
        new("moonshot", "Moonshot AI", WireProtocol.ChatCompletions, ["MOONSHOT_API_KEY"], "https://api.moonshot.ai/v1", "kimi-k2-0905-preview", Chat),
        new("nebius", "Nebius AI Studio", WireProtocol.ChatCompletions, ["NEBIUS_API_KEY"], "https://api.studio.nebius.com/v1", null, Chat),
        new("zai", "Z.ai", WireProtocol.ChatCompletions, ["ZAI_API_KEY"], "https://api.z.ai/api/paas/v4", "glm-4.5", Chat),
        new("qwen", "Qwen (DashScope)", WireProtocol.ChatCompletions, ["QWEN_API_KEY", "DASHSCOPE_API_KEY"], "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "qwen-max", Chat),
        new("deepseek", "DeepSeek", WireProtocol.ChatCompletions, ["DEEPSEEK_API_KEY"], "https://api.deepseek.com/v1", "deepseek-chat", Chat | ProviderCapabilities.ReasoningStream),
        new("mistral", "Mistral AI", WireProtocol.ChatCompletions, ["MISTRAL_API_KEY"], "https://api.mistral.ai/v1", "mistral-medium-latest", Chat),
        new("lmstudio", "LM Studio", WireProtocol.ChatCompletions, [], "http://localhost:1234/v1", null, Chat) { IsLocalServer = true },
        new("vllm", "vLLM", WireProtocol.ChatCompletions, [], "http://localhost:8000/v1", null, Chat) { IsLocalServer = true },
        new("sglang", "SGLang", WireProtocol.ChatCompletions, [], "http://localhost:30000/v1", null, Chat) { IsLocalServer = true },
        new("ollama", "Ollama", WireProtocol.ChatCompletions, [], "http://localhost:11434/v1", null, Chat) { IsLocalServer = true },
        new("local", "Local GGUF model", WireProtocol.LocalGguf, [], null, null, ProviderCapabilities.None)
        {
            IsLocalServer = true,
            DecisionsAsJsonText = true,
        },
        new("claude_code", "Claude Code CLI", WireProtocol.ClaudeCodeCli, ["ANTHROPIC_API_KEY"], null, "claude-sonnet-4-5", ProviderCapabilities.WebSearch)
        {
            DecisionsAsJsonText = true,
        },
    ];

    // Hosts of well-known OpenAI-compatible services, so a `chatcompletion` agent pointed at one finds its key
    // in that provider's usual variable (as the original MassGen does).
    private static readonly Dictionary<string, string> s_typeByHost = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api.openai.com"] = "openai",
        ["api.cerebras.ai"] = "cerebras",
        ["api.together.xyz"] = "together",
        ["api.fireworks.ai"] = "fireworks",
        ["api.groq.com"] = "groq",
        ["openrouter.ai"] = "openrouter",
        ["api.moonshot.ai"] = "moonshot",
        ["api.moonshot.cn"] = "moonshot",
        ["api.studio.nebius.com"] = "nebius",
        ["api.studio.nebius.ai"] = "nebius",
        ["api.z.ai"] = "zai",
        ["dashscope.aliyuncs.com"] = "qwen",
        ["dashscope-intl.aliyuncs.com"] = "qwen",
        ["api.deepseek.com"] = "deepseek",
        ["api.mistral.ai"] = "mistral",
        ["api.x.ai"] = "grok",
        ["generativelanguage.googleapis.com"] = "gemini_openai",
    };

    /// <summary>Every known backend type, in documentation order.</summary>
    public static IReadOnlyList<BackendTypeInfo> All => s_types;

    /// <summary>The backend type named <paramref name="type"/> (case-insensitive), or <c>null</c>.</summary>
    public static BackendTypeInfo? Find(string? type) =>
        type is null ? null : Array.Find(s_types, t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The variables that hold the key for a backend: its own, or for <c>chatcompletion</c> those of the service whose
    /// host <paramref name="baseUrl"/> names.
    /// </summary>
    public static IReadOnlyList<string> ApiKeyVariablesFor(BackendTypeInfo type, string? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.ApiKeyVariables.Count > 0 || type.Protocol != WireProtocol.ChatCompletions)
        {
            return type.ApiKeyVariables;
        }

        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && s_typeByHost.TryGetValue(uri.Host, out var known)
            ? Find(known)!.ApiKeyVariables
            : [];
    }

    /// <summary>
    /// Infers the backend type from a model name when the name is unambiguous (<c>gpt-*</c> → openai,
    /// <c>claude-*</c> → claude, <c>gemini-*</c> → gemini, <c>grok-*</c> → grok, a <c>.gguf</c> path → local);
    /// <c>null</c> otherwise.
    /// </summary>
    public static string? InferType(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var name = model.Trim();

        // Open-weight models (gpt-oss-*) are served by many providers: no single type can be inferred.
        if (name.StartsWith("gpt-oss", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (name.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return "local";
        }

        (string Prefix, string Type)[] prefixes =
        [
            ("gpt-", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4", "openai"),
            ("claude-", "claude"), ("gemini-", "gemini"), ("grok-", "grok"),
            ("deepseek-", "deepseek"), ("mistral-", "mistral"), ("glm-", "zai"), ("qwen", "qwen"), ("kimi-", "moonshot"),
        ];
        foreach (var (prefix, type) in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }
}
