using MassGen.Core.Text;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>
/// Every check of a backend block that needs no network (PROVIDERS.md and CONFIG.md rules): the one place for them.
/// The configuration loader reports these problems with paths and lines, and <see cref="ProviderFactory.Create"/>
/// refuses a block that has errors.
/// </summary>
internal static partial class BackendSettingsValidator
{
    // Backend types of the original that have no counterpart here, with what to use instead.
    private static readonly Dictionary<string, string> s_unsupportedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ag2"] = "AG2/AutoGen agents are not supported; use a model backend such as openai or claude",
        ["autogen"] = "AG2/AutoGen agents are not supported; use a model backend such as openai or claude",
        ["inference"] = "use vllm or sglang (or chatcompletion with base_url)",
        ["poe"] = "use type: chatcompletion with base_url: https://api.poe.com/v1 and api_key: ${POE_API_KEY}",
        ["external"] = "external agent adapters are not supported; use a model backend such as openai or claude",
    };

    private static readonly string[] s_efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];
    private static readonly string[] s_summaries = ["auto", "concise", "detailed", "none"];
    private static readonly string[] s_verbosities = ["low", "medium", "high"];

    public static List<BackendProblem> Validate(BackendSettings settings, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<BackendProblem>();
        var type = ProviderCatalog.Find(settings.Type);
        if (type is null)
        {
            problems.Add(new("type", UnknownType(settings.Type)));
            return problems;
        }

        CheckModel(settings, type, problems);
        CheckEndpointAndKey(settings, type, environment, problems);
        CheckBuiltInTools(settings, type, problems);
        CheckParameters(settings, type, problems);
        problems.AddRange(ReservedRequestKeys.Find(type, settings.AdditionalProperties));
        if (settings.Store is not null && ReservedRequestKeys.StoreProblem(type) is { } storeProblem)
        {
            problems.Add(new("store", storeProblem));
        }

        CheckClaudeCode(settings, type, problems);
        if (type.Protocol == WireProtocol.ClaudeCodeCli && ExecutableLocator.Find("claude", environment) is null)
        {
            problems.Add(new("type", "claude_code runs the Claude Code CLI, and no 'claude' executable is on PATH: install it (npm install -g @anthropic-ai/claude-code) or add its folder to PATH")
            {
                IsAboutThisMachine = true,
            });
        }

        return problems;
    }

    private static void CheckModel(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        var model = settings.Model ?? type.DefaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            problems.Add(new("model", type.Protocol switch
            {
                WireProtocol.LocalGguf => "missing; type 'local' needs model: the path of a .gguf file",
                WireProtocol.AzureOpenAI => "missing; type 'azure_openai' needs model: the name of your Azure OpenAI deployment",
                _ => $"missing; type '{type.Type}' has no default model, so name the model to use (model: ...)",
            }));
        }
        else if (type.Protocol == WireProtocol.LocalGguf)
        {
            if (!model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new("model", $"type 'local' needs the path of a .gguf file; got '{model}'"));
            }
            else if (!File.Exists(model))
            {
                problems.Add(new("model", $"model file '{model}' does not exist: check the path (relative paths start at the current directory)")
                {
                    IsAboutThisMachine = true,
                });
            }
        }
    }

    private static void CheckBuiltInTools(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        BuiltIn(settings.EnableWebSearch, "enable_web_search", ProviderCapabilities.WebSearch, "built-in web search", type, problems);
        BuiltIn(settings.EnableCodeExecution, "enable_code_execution", ProviderCapabilities.CodeExecution, "built-in code execution", type, problems);
        BuiltIn(settings.EnableCodeInterpreter, "enable_code_interpreter", ProviderCapabilities.CodeInterpreter, "built-in code interpreter", type, problems);
        if (settings.EnableWebSearch && type.Type == "grok"
            && (settings.AdditionalProperties.ContainsKey("search_parameters") || settings.AdditionalProperties.GetValueOrDefault("extra_body")?["search_parameters"] is not null))
        {
            problems.Add(new("enable_web_search", "conflicts with search_parameters: keep one of the two (enable_web_search sets search_parameters {mode: auto})"));
        }
    }

    private static void BuiltIn(bool enabled, string key, ProviderCapabilities capability, string description, BackendTypeInfo type, List<BackendProblem> problems)
    {
        if (!enabled || type.Supports(capability))
        {
            return;
        }

        // OpenAI calls it a code interpreter, Anthropic and Google code execution: point at the key this type reads.
        var sibling = capability switch
        {
            ProviderCapabilities.CodeExecution when type.Supports(ProviderCapabilities.CodeInterpreter) => "enable_code_interpreter",
            ProviderCapabilities.CodeInterpreter when type.Supports(ProviderCapabilities.CodeExecution) => "enable_code_execution",
            _ => null,
        };
        var hint = type.Type == "gemini_openai" && capability == ProviderCapabilities.WebSearch
            ? " (Google Search grounding needs Gemini's native API: use type gemini)"
            : "";
        problems.Add(new(key, sibling is not null
            ? $"type '{type.Type}' has no {description}, but the same tool under {sibling}: use {sibling} instead"
            : $"type '{type.Type}' has no {description}{hint}; remove {key} or use a type that has it ({string.Join(", ", ProviderCatalog.All.Where(t => t.Supports(capability)).Select(t => t.Type))})"));
    }

    private static void CheckParameters(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        if (settings.Temperature is { } t && (t < 0 || t > 2))
        {
            problems.Add(new("temperature", $"{t} is outside 0..2"));
        }

        if (settings.TopP is { } p && (p <= 0 || p > 1))
        {
            problems.Add(new("top_p", $"{p} must be greater than 0 and at most 1"));
        }

        Positive(settings.MaxTokens, "max_tokens", problems);
        Positive(settings.ContextSize, "context_size", problems);
        Positive(settings.Threads, "threads", problems);
        if (settings.MaxRetries is < 0)
        {
            problems.Add(new("max_retries", "must be 0 or more"));
        }

        if (settings.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            problems.Add(new("idle_timeout", "must be a positive number of seconds"));
        }

        OneOf(settings.Reasoning?.Effort, "reasoning.effort", s_efforts, problems);
        OneOf(settings.Reasoning?.Summary, "reasoning.summary", s_summaries, problems);
        OneOf(settings.TextVerbosity, "text.verbosity", s_verbosities, problems);
        if (settings.Price is { } price && (price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.CachedInputPerMillion < 0))
        {
            problems.Add(new("price", "prices cannot be negative"));
        }

        if (settings.AdditionalProperties.TryGetValue("extra_body", out var extra) && extra is not System.Text.Json.Nodes.JsonObject)
        {
            problems.Add(new("extra_body", "must be a mapping of fields to add to the request body"));
        }

        if (settings.AdditionalProperties.ContainsKey("extra_headers"))
        {
            // The configuration's mapping lifts a mapping of headers into ExtraHeaders; anything else stays behind.
            problems.Add(new("extra_headers", "must be a mapping of HTTP header names to values (extra_headers: { X-Team: research })"));
        }

        if (type.Protocol is WireProtocol.ClaudeCodeCli or WireProtocol.LocalGguf && settings.AdditionalProperties.ContainsKey("extra_body"))
        {
            problems.Add(new("extra_body", $"type {type.Type} sends no HTTP requests, so there is no body to extend: remove extra_body"));
        }
    }

    private static void CheckClaudeCode(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        if (settings.ClaudeCode is not { } cli)
        {
            return;
        }

        if (type.Protocol != WireProtocol.ClaudeCodeCli)
        {
            problems.Add(new("type", $"Claude Code settings (permission_mode, disallowed_tools, its MCP servers) apply only to type claude_code, not {type.Type}"));
            return;
        }

        if (cli.PermissionMode is { } mode && !ClaudeCodeSettings.PermissionModes.Contains(mode, StringComparer.Ordinal))
        {
            problems.Add(new("permission_mode", $"'{mode}' is not a Claude Code permission mode: use one of {string.Join(", ", ClaudeCodeSettings.PermissionModes)}"));
        }

        foreach (var server in cli.McpServers.Where(s => (s.Command is null) == (s.Url is null)))
        {
            problems.Add(new("mcp_servers", $"server '{server.Name}' needs either command (a stdio server) or url (an HTTP server)"));
        }
    }

    private static void Positive(int? value, string key, List<BackendProblem> problems)
    {
        if (value is <= 0)
        {
            problems.Add(new(key, $"{value} must be a positive number"));
        }
    }

    private static void OneOf(string? value, string key, string[] allowed, List<BackendProblem> problems)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new(key, $"'{value}' is not one of {string.Join(", ", allowed)}"));
        }
    }

    private static string UnknownType(string? type)
    {
        if (type is not null && s_unsupportedTypes.TryGetValue(type, out var instead))
        {
            return $"backend type '{type}' is not supported; {instead}";
        }

        var names = ProviderCatalog.All.Select(t => t.Type).ToList();
        return NameSuggestions.Closest(type ?? "", names) is { } suggestion
            ? $"unknown backend type '{type}'; did you mean '{suggestion}'?"
            : $"unknown backend type '{type}'; use one of: {string.Join(", ", names)}";
    }
}
