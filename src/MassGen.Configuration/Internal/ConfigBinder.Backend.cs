using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>Backend blocks: type, model, credentials, built-in tools and provider pass-through.</summary>
internal sealed partial class ConfigBinder
{
    private const string DockerIgnored = "ignored: docker mode runs each command in a fresh container of the configured image as a non-root user, without sudo, credentials or extra packages (build an image with what the commands need and name it in command_line_docker_image)";

    // Backend types of the original that have no counterpart here, with what to use instead.
    private static readonly Dictionary<string, string> s_unsupportedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ag2"] = "AG2/AutoGen agents are not supported; use a model backend such as openai or claude",
        ["autogen"] = "AG2/AutoGen agents are not supported; use a model backend such as openai or claude",
        ["inference"] = "use vllm or sglang (or chatcompletion with base_url)",
        ["poe"] = "use type: chatcompletion with base_url: https://api.poe.com/v1 and api_key: ${POE_API_KEY}",
        ["external"] = "external agent adapters are not supported; use a model backend such as openai or claude",
    };

    private BackendConfig? BindBackend(ConfigEntry entry, string path, string agentId)
    {
        if (SectionReader.Open(entry.Value, path, entry.Line, problems) is not { } reader)
        {
            return null;
        }

        var typeInfo = BindType(reader, out var typeInferred);
        var model = reader.String("model");
        var apiKey = reader.String("api_key");
        var baseUrl = BindUrl(reader, "base_url");
        var temperature = reader.Number("temperature", 0, 2);
        var topP = reader.Number("top_p", 0, 1);
        var maxTokens = reader.Integer("max_tokens", 1, int.MaxValue);
        var maxRetries = reader.Integer("max_retries", 0, 100);
        var requestsPerMinute = reader.Integer("requests_per_minute", 0, 1_000_000);
        var tokensPerMinute = reader.Integer("tokens_per_minute", 0, 1_000_000_000);
        var idleTimeout = reader.Seconds("idle_timeout");
        var store = BindStore(reader, typeInfo);
        var contextSize = LocalOnly(reader, typeInfo, "context_size");
        var threads = LocalOnly(reader, typeInfo, "threads");
        var webSearch = BindBuiltIn(reader, typeInfo, "enable_web_search", ProviderCapabilities.WebSearch, "built-in web search");
        var codeExecution = BindBuiltIn(reader, typeInfo, "enable_code_execution", ProviderCapabilities.CodeExecution, "built-in code execution");
        var codeInterpreter = BindBuiltIn(reader, typeInfo, "enable_code_interpreter", ProviderCapabilities.CodeInterpreter, "built-in code interpreter");
        var mcpServers = BindMcpServers(reader, typeInfo);
        var allowedTools = reader.StringList("allowed_tools");
        var excludeTools = reader.StringList("exclude_tools");
        var cwdLine = reader.Take("cwd")?.Line ?? 0;
        var cwd = reader.String("cwd");
        var contextPaths = BindContextPaths(reader);
        var commandLine = reader.Bool("enable_mcp_command_line") ?? false;
        if (commandLine)
        {
            RequireFunctionTools(reader, typeInfo, "enable_mcp_command_line", "the execute_command tool");
            if (cwd is null)
            {
                problems.Error(reader.PathOf("enable_mcp_command_line"), reader.Take("enable_mcp_command_line")!.Line,
                    "commands run in the agent's workspace; set cwd as well (e.g. cwd: workspace)");
            }
        }

        var allowedCommands = BindRegexList(reader, "command_line_allowed_commands");
        var blockedCommands = BindRegexList(reader, "command_line_blocked_commands");
        var commandLineIsolation = BindCommandLine(reader, commandLine);
        var price = BindPrice(reader);

        foreach (var key in new[] { "system_prompt", "append_system_prompt" })
        {
            if (reader.TakeIncludingNull(key) is { } misplaced)
            {
                problems.Error(reader.PathOf(key), misplaced.Line, $"{key} is not allowed in a backend block; put the text in system_message on the agent instead");
            }
        }

        DeclareUnsupportedBackendKeys(reader);
        var providerOptions = BindProviderOptions(reader, typeInfo);

        if (typeInfo is null)
        {
            return null;
        }

        model = CheckModel(reader, typeInfo, model);
        CheckBaseUrlRequired(reader, typeInfo, baseUrl);
        CheckApiKey(reader, typeInfo, apiKey, baseUrl, agentId);
        if (cwd is not null && !typeInfo.Supports(ProviderCapabilities.FunctionTools) && typeInfo.Protocol != WireProtocol.ClaudeCodeCli)
        {
            problems.Warning(reader.PathOf("cwd"), cwdLine,
                $"type '{typeInfo.Type}' cannot call tools, so this agent gets a workspace folder but no file tools");
        }

        if (model is null)
        {
            return null;
        }

        NoteGeminiToolMix(reader, typeInfo, model, webSearch ? "enable_web_search" : codeExecution ? "enable_code_execution" : null);
        return new BackendConfig(typeInfo.Type, model)
        {
            TypeInferred = typeInferred,
            ApiKey = apiKey,
            BaseUrl = baseUrl,
            Temperature = temperature,
            TopP = topP,
            MaxTokens = (int?)maxTokens,
            MaxRetries = (int?)maxRetries,
            RequestsPerMinute = (int?)requestsPerMinute,
            TokensPerMinute = (int?)tokensPerMinute,
            IdleTimeoutSeconds = idleTimeout,
            Store = store,
            ContextSize = contextSize,
            Threads = threads,
            ProviderOptions = providerOptions,
            EnableWebSearch = webSearch,
            EnableCodeExecution = codeExecution,
            EnableCodeInterpreter = codeInterpreter,
            McpServers = mcpServers,
            AllowedTools = allowedTools,
            ExcludeTools = excludeTools ?? [],
            Cwd = cwd,
            ContextPaths = contextPaths,
            EnableMcpCommandLine = commandLine,
            CommandLineAllowedCommands = allowedCommands,
            CommandLineBlockedCommands = blockedCommands,
            CommandLine = commandLineIsolation,
            Price = price,
        };
    }

    /// <summary>
    /// Gemini 2.x refuses built-in tools beside function declarations, so with web search or code execution on, the
    /// agent decides through JSON in text and is offered no function tools (ProviderFactory.DecisionsAsJsonText):
    /// said here so it is no surprise.
    /// </summary>
    private void NoteGeminiToolMix(SectionReader reader, BackendTypeInfo type, string model, string? builtInKey)
    {
        if (type.Protocol != WireProtocol.Gemini || builtInKey is null || MassGen.Providers.Gemini.GeminiModels.CombinesBuiltInAndFunctionTools(model))
        {
            return;
        }

        problems.Warning(reader.PathOf(builtInKey), reader.Take(builtInKey)?.Line ?? reader.Line,
            $"note: {model} cannot take Google's built-in tools and function declarations in one request, so this agent votes and answers through JSON in its text, and MCP or workspace tools are not offered to it (Gemini 3 models can combine them)");
    }

    /// <summary>A positive whole number that only the in-process <c>local</c> type uses; a warning elsewhere.</summary>
    private int? LocalOnly(SectionReader reader, BackendTypeInfo? type, string key)
    {
        var value = (int?)reader.Integer(key, 1, int.MaxValue);
        if (value is not null && type is not null && type.Protocol != WireProtocol.LocalGguf)
        {
            problems.Warning(reader.PathOf(key), reader.Take(key)!.Line, $"ignored: only type 'local' uses {key} (a server sets its own)");
            return null;
        }

        return value;
    }

    private BackendTypeInfo? BindType(SectionReader reader, out bool inferred)
    {
        inferred = false;
        var typeEntry = reader.Take("type");
        var type = reader.String("type");
        var modelEntry = reader.Take("model");
        if (type is not null)
        {
            if (ProviderCatalog.Find(type) is { } info)
            {
                return info;
            }

            if (s_unsupportedTypes.TryGetValue(type, out var instead))
            {
                problems.Error(reader.PathOf("type"), typeEntry!.Line, $"backend type '{type}' is not supported; {instead}");
                return null;
            }

            var names = ProviderCatalog.All.Select(t => t.Type).ToList();
            var suggestion = KeySuggester.Suggest(type, names);
            problems.Error(reader.PathOf("type"), typeEntry!.Line, suggestion is not null
                ? $"unknown backend type '{type}'; did you mean '{suggestion}'?"
                : $"unknown backend type '{type}'; use one of: {string.Join(", ", names)}");
            return null;
        }

        if (typeEntry is not null)
        {
            return null; // wrong type of value, already reported
        }

        var model = modelEntry?.Value is ConfigScalar { Text: { } text } ? text : null;
        if (ProviderCatalog.InferType(model) is { } inferredType)
        {
            inferred = true;
            return ProviderCatalog.Find(inferredType);
        }

        problems.Error(reader.PathOf("type"), reader.Line, model is null
            ? "missing; set type (openai, claude, gemini, grok, chatcompletion, ollama, local…) and model"
            : $"missing, and it cannot be inferred from model '{model}'; set type (e.g. chatcompletion with base_url, ollama, openrouter)");
        return null;
    }

    private bool BindBuiltIn(SectionReader reader, BackendTypeInfo? type, string key, ProviderCapabilities capability, string description)
    {
        var enabled = reader.Bool(key) ?? false;
        if (!enabled || type is null || type.Supports(capability))
        {
            return enabled;
        }

        var supporting = ProviderCatalog.All.Where(t => t.Supports(capability)).Select(t => t.Type).ToList();
        var hint = type.Type == "gemini_openai" && capability == ProviderCapabilities.WebSearch
            ? " (Google Search grounding needs Gemini's native API: use type gemini)"
            : string.Empty;
        problems.Error(reader.PathOf(key), reader.Take(key)!.Line,
            $"type '{type.Type}' has no {description}{hint}; remove {key} or use a type that has it ({string.Join(", ", supporting)})");
        return false;
    }

    private void RequireFunctionTools(SectionReader reader, BackendTypeInfo? type, string key, string what)
    {
        if (type is not null && !type.Supports(ProviderCapabilities.FunctionTools))
        {
            problems.Error(reader.PathOf(key), reader.Take(key)!.Line, $"type '{type.Type}' cannot call tools, so it cannot use {what}; remove {key}");
        }
    }

    private static void DeclareUnsupportedBackendKeys(SectionReader reader)
    {
        reader.Unsupported("custom_tools", "custom Python tools are not supported; these tools are not offered (use an MCP server instead)");
        reader.Unsupported("upload_files", "file uploads are not supported; the files are not attached (give the agent a context path instead)");
        foreach (var media in new[] { "image", "audio", "file", "video" })
        {
            reader.Unsupported($"enable_{media}_generation", $"{media} generation is not supported; ignored");
        }

        reader.Unsupported("enable_rate_limit", "client-side rate limiting is not supported; ignored (retries honour the provider's Retry-After)");
        reader.Unsupported("max_mcp_message_history", "ignored: the tool loop is bounded per turn instead");
        reader.Unsupported("instance_id", "ignored: every run gets its own folder under .massgen/");
        foreach (var docker in new[] { "enable_sudo", "credentials", "packages" })
        {
            reader.Unsupported($"command_line_docker_{docker}", DockerIgnored);
        }

        reader.Unsupported("agent_config", "AG2 adapter settings are not supported; ignored");
        reader.Unsupported("group_config", "AG2 adapter settings are not supported; ignored");
    }
}
