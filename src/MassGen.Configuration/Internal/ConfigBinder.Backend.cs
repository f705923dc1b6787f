using MassGen.Providers.Catalog;

namespace MassGen.Configuration.Internal;

/// <summary>Backend blocks: type, model, credentials, built-in tools and provider pass-through.</summary>
internal sealed partial class ConfigBinder
{
    private const string DockerIgnored = "ignored: docker mode runs each command in a fresh container of the configured image as a non-root user, without sudo, credentials or extra packages (build an image with what the commands need and name it in command_line_docker_image)";

    private BackendConfig? BindBackend(ConfigEntry entry, string path, string agentId)
    {
        if (SectionReader.Open(entry.Value, path, entry.Line, problems) is not { } reader)
        {
            return null;
        }

        var typeInfo = BindType(reader, out var typeName, out var typeInferred);
        var model = reader.String("model");
        var apiKey = reader.String("api_key");
        var baseUrl = reader.String("base_url");
        var temperature = reader.Number("temperature", 0, 2);
        var topP = reader.Number("top_p", 0, 1);
        var maxTokens = reader.Integer("max_tokens", 1, int.MaxValue);
        var maxRetries = reader.Integer("max_retries", 0, 100);
        var requestsPerMinute = reader.Integer("requests_per_minute", 0, 1_000_000);
        var tokensPerMinute = reader.Integer("tokens_per_minute", 0, 1_000_000_000);
        var idleTimeout = reader.Seconds("idle_timeout");
        var store = reader.Bool("store");
        var contextSize = LocalOnly(reader, typeInfo, "context_size");
        var threads = LocalOnly(reader, typeInfo, "threads");
        var webSearch = reader.Bool("enable_web_search") ?? false;
        var codeExecution = reader.Bool("enable_code_execution") ?? false;
        var codeInterpreter = reader.Bool("enable_code_interpreter") ?? false;
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
        var (permissionMode, disallowedTools) = BindClaudeCodeKeys(reader, typeInfo, commandLine, mcpServers);

        foreach (var key in new[] { "system_prompt", "append_system_prompt" })
        {
            if (reader.TakeIncludingNull(key) is { } misplaced)
            {
                problems.Error(reader.PathOf(key), misplaced.Line, $"{key} is not allowed in a backend block; put the text in system_message on the agent instead");
            }
        }

        DeclareUnsupportedBackendKeys(reader);
        var providerOptions = BindProviderOptions(reader, typeInfo);

        if (typeName is null)
        {
            return null; // no type, already reported
        }

        if (cwd is not null && typeInfo is not null && !typeInfo.Supports(ProviderCapabilities.FunctionTools) && typeInfo.Protocol != WireProtocol.ClaudeCodeCli)
        {
            problems.Warning(reader.PathOf("cwd"), cwdLine,
                $"type '{typeInfo.Type}' cannot call tools, so this agent gets a workspace folder but no file tools");
        }

        var backend = new BackendConfig(typeInfo?.Type ?? typeName, model ?? typeInfo?.DefaultModel ?? "")
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
            PermissionMode = permissionMode,
            DisallowedTools = disallowedTools,
        };
        ReportBackendProblems(reader, backend);
        if (typeInfo is null || string.IsNullOrWhiteSpace(backend.Model))
        {
            return null;
        }

        NoteGeminiToolMix(reader, typeInfo, backend.Model, webSearch ? "enable_web_search" : codeExecution ? "enable_code_execution" : null);
        return backend;
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

    /// <summary>
    /// The block's type: as written (<paramref name="name"/>, also when unknown, for the provider validator to judge), or
    /// inferred from the model name. Only a missing type that cannot be inferred is reported here.
    /// </summary>
    private BackendTypeInfo? BindType(SectionReader reader, out string? name, out bool inferred)
    {
        inferred = false;
        var typeEntry = reader.Take("type");
        name = reader.String("type");
        var modelEntry = reader.Take("model");
        if (name is not null || typeEntry is not null)
        {
            return name is null ? null : ProviderCatalog.Find(name); // a value of the wrong kind is already reported
        }

        var model = modelEntry?.Value is ConfigScalar { Text: { } text } ? text : null;
        if (ProviderCatalog.InferType(model) is { } inferredType)
        {
            inferred = true;
            name = inferredType;
            return ProviderCatalog.Find(inferredType);
        }

        problems.Error(reader.PathOf("type"), reader.Line, model is null
            ? "missing; set type (openai, claude, gemini, grok, chatcompletion, ollama, local…) and model"
            : $"missing, and it cannot be inferred from model '{model}'; set type (e.g. chatcompletion with base_url, ollama, openrouter)");
        return null;
    }

    private void RequireFunctionTools(SectionReader reader, BackendTypeInfo? type, string key, string what)
    {
        // The Claude Code CLI calls tools itself: its MCP servers and Bash are handed to it as flags.
        if (type is not null && !type.Supports(ProviderCapabilities.FunctionTools) && type.Protocol != WireProtocol.ClaudeCodeCli)
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
