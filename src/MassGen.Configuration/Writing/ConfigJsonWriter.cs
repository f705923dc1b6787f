using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Configuration.Internal;
using MassGen.Core.Coordination;

namespace MassGen.Configuration;

/// <summary>
/// Writes a configuration back in the file schema (snake_case keys) as JSON, with every effective value spelled out:
/// the run log's resolved configuration (<c>config.resolved.json</c>). Secrets are replaced by <see cref="Redacted"/>
/// unless asked otherwise: values of keys that name a secret (<see cref="MassGen.Core.Text.SecretNames"/>), every
/// value of <c>env</c>, <c>headers</c>, <c>extra_headers</c> and <c>command_line_env</c>, and any text equal to the
/// value of a secret-named environment variable. The output loads again with <see cref="ConfigLoader"/>
/// (<see cref="ConfigFormat.Json"/>).
/// </summary>
public static class ConfigJsonWriter
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Redacted = "***";

    // Answers and paths stay readable: nothing here is embedded in HTML.
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The configuration as indented JSON text.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="redactSecrets">Replace every secret (see the type's summary).</param>
    /// <param name="environment">Environment variables whose secret-named values are masked wherever they appear (a key pasted into a URL).</param>
    public static string ToJson(MassGenConfig config, bool redactSecrets = true, IReadOnlyDictionary<string, string>? environment = null) =>
        ToJsonObject(config, redactSecrets, environment).ToJsonString(s_indented);

    /// <summary>The configuration as a JSON object in the file schema.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="redactSecrets">Replace every secret (see the type's summary).</param>
    /// <param name="environment">Environment variables whose secret-named values are masked wherever they appear.</param>
    public static JsonObject ToJsonObject(MassGenConfig config, bool redactSecrets = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = Write(config);
        return redactSecrets ? (JsonObject)SecretRedactor.Redact(root, environment ?? new Dictionary<string, string>())! : root;
    }

    private static JsonObject Write(MassGenConfig config)
    {
        var root = new JsonObject
        {
            ["agents"] = new JsonArray([.. config.Agents.Select(Agent)]),
            ["orchestrator"] = Orchestrator(config.Orchestrator),
            ["timeout_settings"] = new JsonObject { ["orchestrator_timeout_seconds"] = config.TimeoutSettings.OrchestratorTimeoutSeconds },
            ["ui"] = Ui(config.Ui),
        };
        var budget = new JsonObject();
        Add(budget, "max_total_tokens", config.Budget.MaxTotalTokens);
        Add(budget, "max_cost_usd", config.Budget.MaxCostUsd);
        if (budget.Count > 0)
        {
            root["budget"] = budget;
        }

        Add(root, "session_id", config.SessionId);
        if (config.Record)
        {
            root["record"] = true;
        }

        return root;
    }

    private static JsonNode Agent(AgentConfig agent)
    {
        var result = new JsonObject { ["id"] = agent.Id };
        Add(result, "system_message", agent.SystemMessage);
        result["backend"] = Backend(agent.Backend);
        return result;
    }

    private static JsonObject Backend(BackendConfig backend)
    {
        var result = new JsonObject { ["type"] = backend.Type, ["model"] = backend.Model };
        Add(result, "api_key", backend.ApiKey);
        Add(result, "base_url", backend.BaseUrl);
        Add(result, "temperature", backend.Temperature);
        Add(result, "top_p", backend.TopP);
        Add(result, "max_tokens", backend.MaxTokens);
        Add(result, "max_retries", backend.MaxRetries);
        Add(result, "requests_per_minute", backend.RequestsPerMinute);
        Add(result, "tokens_per_minute", backend.TokensPerMinute);
        Add(result, "idle_timeout", backend.IdleTimeoutSeconds);
        Add(result, "store", backend.Store);
        Add(result, "context_size", backend.ContextSize);
        Add(result, "threads", backend.Threads);
        AddFlag(result, "enable_web_search", backend.EnableWebSearch);
        AddFlag(result, "enable_code_execution", backend.EnableCodeExecution);
        AddFlag(result, "enable_code_interpreter", backend.EnableCodeInterpreter);
        if (backend.McpServers.Count > 0)
        {
            result["mcp_servers"] = new JsonArray([.. backend.McpServers.Select(McpServer)]);
        }

        AddList(result, "allowed_tools", backend.AllowedTools);
        AddList(result, "exclude_tools", backend.ExcludeTools, skipEmpty: true);
        Add(result, "cwd", backend.Cwd);
        if (backend.ContextPaths.Count > 0)
        {
            result["context_paths"] = ContextPaths(backend.ContextPaths);
        }

        AddFlag(result, "enable_mcp_command_line", backend.EnableMcpCommandLine);
        AddList(result, "command_line_allowed_commands", backend.CommandLineAllowedCommands, skipEmpty: true);
        AddList(result, "command_line_blocked_commands", backend.CommandLineBlockedCommands, skipEmpty: true);
        CommandLine(result, backend.CommandLine);
        Add(result, "permission_mode", backend.PermissionMode);
        AddList(result, "disallowed_tools", backend.DisallowedTools, skipEmpty: true);
        if (backend.Price is { } price)
        {
            var priceNode = new JsonObject { ["input_per_million"] = price.InputPerMillion, ["output_per_million"] = price.OutputPerMillion };
            Add(priceNode, "cached_input_per_million", price.CachedInputPerMillion);
            Add(priceNode, "cache_write_input_per_million", price.CacheWriteInputPerMillion);
            result["price"] = priceNode;
        }

        foreach (var (key, value) in backend.ProviderOptions)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static void CommandLine(JsonObject result, CommandLineConfig commandLine)
    {
        if (commandLine.Mode != CommandExecution.Sandbox)
        {
            result["command_line_execution_mode"] = commandLine.Mode == CommandExecution.Local ? "local" : "docker";
        }

        Add(result, "command_line_docker_image", commandLine.DockerImage);
        Add(result, "command_line_docker_memory_limit", commandLine.DockerMemoryLimit);
        Add(result, "command_line_docker_cpu_limit", commandLine.DockerCpuLimit);
        Add(result, "command_line_docker_network_mode", commandLine.DockerNetworkMode);

        AddFlag(result, "command_line_network", commandLine.Network);
        AddMap(result, "command_line_env", commandLine.Environment);
        var limits = new JsonObject();
        Add(limits, "cpu_seconds", commandLine.CpuSeconds);
        Add(limits, "memory_mb", commandLine.MemoryMegabytes);
        Add(limits, "max_processes", commandLine.MaxProcesses);
        Add(limits, "max_file_size_mb", commandLine.MaxFileSizeMegabytes);
        if (limits.Count > 0)
        {
            result["command_line_limits"] = limits;
        }
    }

    private static JsonNode McpServer(McpServerConfig server)
    {
        var result = new JsonObject
        {
            ["name"] = server.Name,
            ["type"] = server.Transport == McpTransport.Stdio ? "stdio" : "streamable-http",
        };
        Add(result, "command", server.Command);
        AddList(result, "args", server.Args, skipEmpty: true);
        AddMap(result, "env", server.Env);
        Add(result, "url", server.Url);
        AddMap(result, "headers", server.Headers);
        AddList(result, "allowed_tools", server.AllowedTools);
        AddList(result, "exclude_tools", server.ExcludeTools, skipEmpty: true);
        AddFlag(result, "sandbox", server.Sandbox);
        return result;
    }

    private static JsonObject Orchestrator(OrchestratorConfig orchestrator)
    {
        var result = new JsonObject
        {
            ["voting_sensitivity"] = Name(orchestrator.VotingSensitivity),
            ["answer_novelty_requirement"] = Name(orchestrator.AnswerNoveltyRequirement),
            ["max_new_answers_per_agent"] = orchestrator.MaxNewAnswersPerAgent,
        };
        if (orchestrator.ContextPaths.Count > 0)
        {
            result["context_paths"] = ContextPaths(orchestrator.ContextPaths);
        }

        result["skip_coordination_rounds"] = orchestrator.SkipCoordinationRounds;
        result["coordination"] = new JsonObject { ["max_orchestration_restarts"] = orchestrator.Coordination.MaxOrchestrationRestarts };
        Add(result, "seed", orchestrator.Seed);
        result["shuffle_answers"] = orchestrator.ShuffleAnswers;
        result["mark_own_answer"] = orchestrator.MarkOwnAnswer;
        result["on_new_answer"] = Name(orchestrator.OnNewAnswer);
        result["tie_break"] = Name(orchestrator.TieBreak);
        result["final_presentation"] = Name(orchestrator.FinalPresentation);
        result["max_decision_retries"] = orchestrator.MaxDecisionRetries;
        result["max_consecutive_failures"] = orchestrator.MaxConsecutiveFailures;
        result["agent_turn_timeout_seconds"] = orchestrator.AgentTurnTimeoutSeconds;
        result["presentation_timeout_seconds"] = orchestrator.PresentationTimeoutSeconds;
        result["wrap_up_at"] = orchestrator.WrapUpAt;
        result["defer_voting_until_all_answered"] = orchestrator.DeferVotingUntilAllAnswered;
        result["voting_deferral_limit_seconds"] = orchestrator.VotingDeferralLimitSeconds;
        // Written only when chosen, so the written form of existing configurations does not change.
        if (orchestrator.Topology != TeamTopology.All || orchestrator.GroupSize != OrchestratorOptions.DefaultGroupSize)
        {
            result["topology"] = Name(orchestrator.Topology);
            result["group_size"] = orchestrator.GroupSize;
        }

        return result;
    }

    private static JsonObject Ui(UiConfig ui)
    {
        var result = new JsonObject();
        if (ui.DisplayType is { } display)
        {
            result["display_type"] = display switch
            {
                DisplayType.RichTerminal => "rich_terminal",
                DisplayType.Simple => "simple",
                _ => "silent",
            };
        }

        result["logging_enabled"] = ui.LoggingEnabled;
        result["use_orchestrator_for_single_agent"] = ui.UseOrchestratorForSingleAgent;
        return result;
    }

    private static JsonArray ContextPaths(IReadOnlyList<ContextPathConfig> paths) =>
        new([.. paths.Select(p =>
        {
            var node = new JsonObject { ["path"] = p.Path, ["permission"] = p.Permission == ContextAccess.Write ? "write" : "read" };
            AddList(node, "protected_paths", p.ProtectedPaths, skipEmpty: true);
            return (JsonNode)node;
        })]);

    // Enum members are PascalCase versions of the file's snake_case names.
    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static void Add(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private static void AddFlag(JsonObject target, string key, bool value)
    {
        if (value)
        {
            target[key] = true;
        }
    }

    private static void AddList(JsonObject target, string key, IReadOnlyList<string>? values, bool skipEmpty = false)
    {
        if (values is not null && !(skipEmpty && values.Count == 0))
        {
            target[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }
    }

    private static void AddMap(JsonObject target, string key, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var node = new JsonObject();
        foreach (var (name, value) in values)
        {
            node[name] = value;
        }

        target[key] = node;
    }
}
