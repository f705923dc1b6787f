using MassGen.Providers.Catalog;

namespace MassGen.Providers.Internal;

/// <summary>Every check of a backend block that needs no network (PROVIDERS.md and CONFIG.md rules).</summary>
internal static class BackendSettingsValidator
{
    private static readonly string[] s_efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];
    private static readonly string[] s_summaries = ["auto", "concise", "detailed", "none"];
    private static readonly string[] s_verbosities = ["low", "medium", "high"];

    public static List<BackendProblem> Validate(BackendSettings settings, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<BackendProblem>();
        var type = ProviderCatalog.Find(settings.Type);
        if (type is null)
        {
            problems.Add(new("type", $"unknown backend type '{settings.Type}'{Suggest(settings.Type)}; known types: {string.Join(", ", ProviderCatalog.All.Select(t => t.Type))}"));
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
            problems.Add(new("type", "claude_code runs the Claude Code CLI, and no 'claude' executable is on PATH: install it (npm install -g @anthropic-ai/claude-code) or add its folder to PATH"));
        }

        return problems;
    }

    public static string? Endpoint(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment) =>
        settings.BaseUrl?.ToString()
        ?? (type.Protocol == WireProtocol.AzureOpenAI ? Value(environment, "AZURE_OPENAI_ENDPOINT") : type.DefaultBaseUrl);

    public static (string? Key, IReadOnlyList<string> Variables) ApiKey(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = ProviderCatalog.ApiKeyVariablesFor(type, settings.BaseUrl?.ToString());
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            return (settings.ApiKey, variables);
        }

        foreach (var variable in variables)
        {
            if (Value(environment, variable) is { } value)
            {
                return (value, variables);
            }
        }

        return (null, variables);
    }

    private static void CheckModel(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        var model = settings.Model ?? type.DefaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            problems.Add(new("model", type.Protocol switch
            {
                WireProtocol.LocalGguf => "required: the path of a .gguf model file",
                WireProtocol.AzureOpenAI => "required: the name of your Azure OpenAI deployment",
                _ => $"required for type {type.Type}: name the model to use",
            }));
        }
        else if (type.Protocol == WireProtocol.LocalGguf)
        {
            if (!model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new("model", $"'{model}' is not a .gguf file: type local loads GGUF models (download one, e.g. from a model hub, and give its path)"));
            }
            else if (!File.Exists(model))
            {
                problems.Add(new("model", $"model file '{model}' does not exist: check the path (relative paths start at the current directory)"));
            }
        }
    }

    private static void CheckEndpointAndKey(BackendSettings settings, BackendTypeInfo type, IReadOnlyDictionary<string, string?> environment, List<BackendProblem> problems)
    {
        if (settings.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add(new("base_url", $"'{url}' must be an absolute http(s) URL, for example https://api.example.com/v1"));
        }

        if (type.RequiresBaseUrl && settings.BaseUrl is null)
        {
            problems.Add(new("base_url", $"required for type {type.Type}: the OpenAI-compatible endpoint including /v1, for example https://api.cerebras.ai/v1"));
        }

        if (type.Protocol == WireProtocol.AzureOpenAI && Endpoint(settings, type, environment) is null)
        {
            problems.Add(new("base_url", "Azure OpenAI needs your resource endpoint: set AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com) or base_url"));
        }

        // The Claude Code CLI has its own login, so a missing key is not an error there.
        if (type.Protocol is WireProtocol.ClaudeCodeCli or WireProtocol.LocalGguf || type.IsLocalServer)
        {
            return;
        }

        var (key, variables) = ApiKey(settings, type, environment);
        if (key is null && variables.Count > 0)
        {
            problems.Add(new("api_key", $"no API key for {type.DisplayName}: set {string.Join(" or ", variables)} in the environment, or api_key in the backend block"));
        }
    }

    private static void CheckBuiltInTools(BackendSettings settings, BackendTypeInfo type, List<BackendProblem> problems)
    {
        if (settings.EnableWebSearch && !type.Supports(ProviderCapabilities.WebSearch))
        {
            problems.Add(new("enable_web_search", type.Protocol == WireProtocol.ChatCompletions && type.Type == "gemini_openai"
                ? $"Google Search grounding exists only in Gemini's native API, and type {type.Type} uses its OpenAI-compatible endpoint: use type gemini, or remove enable_web_search"
                : $"type {type.Type} has no built-in web search (types with one: {Supporting(ProviderCapabilities.WebSearch)}): remove enable_web_search"));
        }

        if (settings.EnableCodeExecution && !type.Supports(ProviderCapabilities.CodeExecution))
        {
            problems.Add(new("enable_code_execution", type.Supports(ProviderCapabilities.CodeInterpreter)
                ? $"type {type.Type} calls it a code interpreter: use enable_code_interpreter instead"
                : $"type {type.Type} has no built-in code execution (types with one: {Supporting(ProviderCapabilities.CodeExecution)}): remove enable_code_execution"));
        }

        if (settings.EnableCodeInterpreter && !type.Supports(ProviderCapabilities.CodeInterpreter))
        {
            problems.Add(new("enable_code_interpreter", type.Supports(ProviderCapabilities.CodeExecution)
                ? $"type {type.Type} calls it code execution: use enable_code_execution instead"
                : $"type {type.Type} has no built-in code interpreter (types with one: {Supporting(ProviderCapabilities.CodeInterpreter)}): remove enable_code_interpreter"));
        }

        if (settings.EnableWebSearch && type.Type == "grok"
            && (settings.AdditionalProperties.ContainsKey("search_parameters") || settings.AdditionalProperties.GetValueOrDefault("extra_body")?["search_parameters"] is not null))
        {
            problems.Add(new("enable_web_search", "conflicts with search_parameters: keep one of the two (enable_web_search sets search_parameters {mode: auto})"));
        }
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

    private static string Supporting(ProviderCapabilities capability) =>
        string.Join(", ", ProviderCatalog.All.Where(t => t.Supports(capability)).Select(t => t.Type));

    private static string Suggest(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return "";
        }

        var best = ProviderCatalog.All.Select(t => t.Type).MinBy(name => Distance(name, type.ToLowerInvariant()));
        return best is not null && Distance(best, type.ToLowerInvariant()) <= 3 ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string? Value(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
