using System.Text.Json.Nodes;
using MassGen.Core.Coordination;

namespace MassGen.Configuration.Tests;

public sealed class ConfigModelTests
{
    [Fact]
    public void LoadText_MinimalAgents_FillsDocumentedDefaults()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - backend: { type: openai }
              - backend: { model: claude-sonnet-4-5 }
            """).EnsureValid();

        Assert.Equal(["agent1", "agent2"], config.Agents.Select(a => a.Id));
        Assert.Equal("gpt-5-mini", config.Agents[0].Backend.Model);
        Assert.False(config.Agents[0].Backend.TypeInferred);
        Assert.Equal("claude", config.Agents[1].Backend.Type);
        Assert.True(config.Agents[1].Backend.TypeInferred);
        Assert.Equal("https://api.anthropic.com", config.Agents[1].Backend.EffectiveBaseUrl);
        Assert.Equal(3, config.Orchestrator.MaxNewAnswersPerAgent);
        Assert.Equal(1800, config.TimeoutSettings.OrchestratorTimeoutSeconds);
        Assert.True(config.Ui.LoggingEnabled);
        Assert.Null(config.Ui.DisplayType);
        Assert.Null(config.Budget.MaxCostUsd);
    }

    [Fact]
    public void LoadText_SingleAgentKey_GivesOneAgent()
    {
        var config = ConfigTestHelper.Load("""
            agent:
              id: solo
              system_message: Be brief.
              backend: { type: grok, model: grok-4 }
            ui: { use_orchestrator_for_single_agent: false }
            """).EnsureValid();

        var agent = Assert.Single(config.Agents);
        Assert.Equal("solo", agent.Id);
        Assert.Equal("Be brief.", agent.SystemMessage);
        Assert.False(config.ToOrchestratorOptions().UseOrchestratorForSingleAgent);
    }

    [Fact]
    public void ToOrchestratorOptions_EverySection_IsMapped()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - backend: { type: openai }
            orchestrator:
              voting_sensitivity: strict
              answer_novelty_requirement: balanced
              max_new_answers_per_agent: null
              skip_coordination_rounds: true
              coordination: { max_orchestration_restarts: 2 }
              seed: 42
              shuffle_answers: false
              mark_own_answer: true
              on_new_answer: restart
              tie_break: latest
              final_presentation: skip
              max_decision_retries: 4
              max_consecutive_failures: 5
              agent_turn_timeout_seconds: 120
              presentation_timeout_seconds: 60.5
              wrap_up_at: 0.9
              defer_voting_until_all_answered: false
              voting_deferral_limit_seconds: 12.5
            timeout_settings: { orchestrator_timeout_seconds: 900 }
            budget: { max_total_tokens: 100000, max_cost_usd: 2.5 }
            """).EnsureValid();

        var options = config.ToOrchestratorOptions();

        Assert.Equal(VotingSensitivity.Strict, options.VotingSensitivity);
        Assert.Equal(AnswerNoveltyRequirement.Balanced, options.AnswerNoveltyRequirement);
        Assert.Null(options.MaxNewAnswersPerAgent);
        Assert.True(options.SkipCoordinationRounds);
        Assert.Equal(2, options.MaxOrchestrationRestarts);
        Assert.Equal(42, options.Seed);
        Assert.False(options.ShuffleAnswers);
        Assert.True(options.MarkOwnAnswer);
        Assert.Equal(NewAnswerPolicy.Restart, options.OnNewAnswer);
        Assert.Equal(TieBreak.Latest, options.TieBreak);
        Assert.Equal(FinalPresentationMode.Skip, options.FinalPresentation);
        Assert.Equal(4, options.MaxDecisionRetries);
        Assert.Equal(5, options.MaxConsecutiveFailures);
        Assert.Equal(TimeSpan.FromSeconds(120), options.AgentTurnTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60.5), options.PresentationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(900), options.OrchestratorTimeout);
        Assert.Equal(0.9, options.WrapUpAt);
        Assert.False(options.DeferVotingUntilAllAnswered);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.VotingDeferralLimit);
        Assert.Equal(100000, options.MaxTotalTokens);
        Assert.Equal(2.5m, options.MaxCostUsd);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ToOrchestratorOptions_NoSections_EqualsCoreDefaults()
    {
        var config = ConfigTestHelper.Load("agents: [ { backend: { type: openai } } ]").EnsureValid();

        Assert.Equal(new OrchestratorOptions(), config.ToOrchestratorOptions());
    }

    [Fact]
    public void LoadText_ProviderKeys_ArePassedThroughAsJson()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  model: gpt-5-mini
                  temperature: 0.3
                  top_p: 1
                  max_tokens: 2000
                  reasoning: { effort: medium, summary: auto }
                  text: { verbosity: low }
                  top_k: 40
                  extra_body: { flags: [a, 2, true, null] }
            """).EnsureValid();

        var backend = config.Agents[0].Backend;
        Assert.Equal(0.3, backend.Temperature);
        Assert.Equal(1.0, backend.TopP);
        Assert.Equal(2000, backend.MaxTokens);
        Assert.Equal(["reasoning", "text", "top_k", "extra_body"], backend.ProviderOptions.Keys);
        Assert.Equal("""{"effort":"medium","summary":"auto"}""", backend.ProviderOptions["reasoning"]!.ToJsonString());
        Assert.Equal(40, backend.ProviderOptions["top_k"]!.GetValue<long>());
        Assert.Equal("""{"flags":["a",2,true,null]}""", backend.ProviderOptions["extra_body"]!.ToJsonString());
    }

    [Fact]
    public void LoadText_McpServersAndTools_AreTyped()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - id: coder
                backend:
                  type: claude
                  cwd: workspace1
                  enable_mcp_command_line: true
                  command_line_blocked_commands: ["^rm ", "sudo"]
                  exclude_tools: [mcp__files__delete_file]
                  price: { input_per_million: 3, output_per_million: 15, cached_input_per_million: 0.3, cache_write_input_per_million: 3.75 }
                  mcp_servers:
                    - name: files
                      type: stdio
                      command: npx
                      args: ["-y", "@modelcontextprotocol/server-filesystem", "."]
                      env: { LOG_LEVEL: debug, PORT: 8080 }
                    - name: search
                      url: https://mcp.example.com/mcp
                      headers: { Authorization: "Bearer ${SEARCH_TOKEN:-none}" }
                      allowed_tools: [search]
            """).EnsureValid();

        var backend = config.Agents[0].Backend;
        Assert.Equal("workspace1", backend.Cwd);
        Assert.True(backend.EnableMcpCommandLine);
        Assert.Equal(["^rm ", "sudo"], backend.CommandLineBlockedCommands);
        Assert.Equal(["mcp__files__delete_file"], backend.ExcludeTools);
        Assert.Equal(new PriceConfig(3m, 15m) { CachedInputPerMillion = 0.3m, CacheWriteInputPerMillion = 3.75m }, backend.Price);
        var files = backend.McpServers[0];
        Assert.Equal(McpTransport.Stdio, files.Transport);
        Assert.Equal("npx", files.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", "."], files.Args);
        Assert.Equal("8080", files.Env["PORT"]);
        var search = backend.McpServers[1];
        Assert.Equal(McpTransport.StreamableHttp, search.Transport);
        Assert.Equal("https://mcp.example.com/mcp", search.Url);
        Assert.Equal("Bearer none", search.Headers["Authorization"]);
        Assert.Equal(["search"], search.AllowedTools!);
    }

    [Fact]
    public void LoadText_McpServerProblems_AreReportedPerEntry()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  mcp_servers:
                    - name: a
                      type: stdio
                    - name: a__b
                      type: sse
                      url: http://x
                    - name: c
                      type: streamable-http
                      url: ftp://x
            """);

        Assert.Equal(
            [
                "agents[0].backend.mcp_servers[0].command (line 5): missing; a stdio server needs the program to start (e.g. command: npx)",
                "agents[0].backend.mcp_servers[1].name (line 7): 'a__b' is not a valid server name; use letters, digits, '-' or '_' (no '__')",
                "agents[0].backend.mcp_servers[1].type (line 8): must be one of stdio, streamable-http; got 'sse'",
                "agents[0].backend.mcp_servers[2].url (line 12): must be an absolute http(s) URL; got 'ftp://x'",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_McpServersOnTypeWithoutTools_IsError()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: local
                  model: models/qwen.gguf
                  mcp_servers: [ { name: files, command: npx } ]
            """);

        Assert.Equal(["agents[0].backend.mcp_servers (line 5): type 'local' cannot call tools, so it cannot use MCP servers; remove mcp_servers"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_ContextPaths_MustExist()
    {
        var folder = Directory.CreateTempSubdirectory("massgen-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "project"));
            var result = ConfigTestHelper.Load("""
                agents: [ { backend: { type: openai } } ]
                orchestrator:
                  context_paths:
                    - path: project
                      permission: write
                      protected_paths: [secrets.txt]
                    - path: missing
                """, currentDirectory: folder.FullName);

            var problem = Assert.Single(result.Report.Problems);
            Assert.Equal($"orchestrator.context_paths[1].path (line 7): 'missing' does not exist (resolved to {Path.Combine(folder.FullName, "missing")}); create it or fix the path",
                problem.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadText_CommandLineWithoutWorkspace_AsksForCwd()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: a
                backend: { type: openai, enable_mcp_command_line: true }
              - id: b
                backend: { type: claude, cwd: ws }
              - id: c
                backend: { type: grok, cwd: ws }
            """);

        // Workspaces live in the run folder per agent, so two agents may name the same cwd.
        Assert.Equal(["agents[0].backend.enable_mcp_command_line (line 3): commands run in the agent's workspace; set cwd as well (e.g. cwd: workspace)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_AnchorsAndMergeKeys_AreResolved()
    {
        var config = ConfigTestHelper.Load("""
            x-base: &base
              type: openai
              model: gpt-5-mini
              temperature: 0.2
            agents:
              - id: a
                backend: *base
              - id: b
                backend:
                  <<: *base
                  temperature: 0.9
            """);

        // x-base is not a key of the schema: reported, but the merge itself worked.
        Assert.Equal(["x-base (line 1): unknown key 'x-base'; expected one of: agent, agents, budget, display, memory, orchestrator, record, session_id, timeout_settings, ui"],
            ConfigTestHelper.Lines(config));
    }

    [Fact]
    public void LoadText_MergeKey_LocalKeysWin()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - id: a
                backend: &base { type: openai, model: gpt-5-mini, temperature: 0.2 }
              - id: b
                backend:
                  <<: *base
                  temperature: 0.9
            """).EnsureValid();

        Assert.Equal(0.2, config.Agents[0].Backend.Temperature);
        Assert.Equal(0.9, config.Agents[1].Backend.Temperature);
        Assert.Equal("gpt-5-mini", config.Agents[1].Backend.Model);
    }

    [Fact]
    public void LoadText_ModelNotInferable_AsksForType()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { model: gpt-oss-120b } } ]");

        Assert.Equal(["agents[0].backend.type (line 1): missing, and it cannot be inferred from model 'gpt-oss-120b'; set type (e.g. chatcompletion with base_url, ollama, openrouter)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_LocalServerTypes_NeedNoKey()
    {
        var config = ConfigTestHelper.Load("""
            agents:
              - backend: { type: ollama, model: "qwen3:8b" }
              - backend: { type: chatcompletion, model: m, base_url: "http://192.168.1.20:8000/v1" }
            """, environment: new Dictionary<string, string>()).EnsureValid();

        Assert.Equal("http://localhost:11434/v1", config.Agents[0].Backend.EffectiveBaseUrl);
    }

    [Fact]
    public void LoadText_UnknownRemoteChatCompletionHost_WarnsAboutKey()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: chatcompletion, model: m, base_url: \"https://llm.example.org/v1\" } } ]",
            environment: new Dictionary<string, string>());

        Assert.NotNull(result.Config);
        Assert.Equal(["agents[0].backend.api_key (line 1): no api_key and no known key variable for llm.example.org; requests are sent without a key (write api_key: ${MY_KEY} if the server needs one)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void EnsureValid_WithErrors_ThrowsWithReport()
    {
        var result = ConfigTestHelper.Load("agents: []");

        var ex = Assert.Throws<ConfigurationException>(() => result.EnsureValid());
        Assert.Same(result.Report, ex.Report);
        Assert.Equal("test.yaml: 1 error, 0 warnings\n  error: agents (line 1): the list is empty; add at least one agent with a backend", ex.Message);
    }

    [Fact]
    public void ValidationReport_NoProblems_SaysValid()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: openai } } ]");

        Assert.Equal("test.yaml: valid", result.Report.ToString());
        Assert.False(result.Report.HasErrors);
    }

    [Fact]
    public void LoadText_EmptyText_IsError()
    {
        var result = ConfigTestHelper.Load(string.Empty);

        Assert.Equal(["the configuration is empty; add an agents: list (see the examples folder)"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_PassThroughValues_KeepJsonTypes()
    {
        var config = ConfigTestHelper.Load("agents: [ { backend: { type: vllm, model: m, chat_template_kwargs: { enable_thinking: false } } } ]").EnsureValid();

        var kwargs = Assert.IsType<JsonObject>(config.Agents[0].Backend.ProviderOptions["chat_template_kwargs"]);
        Assert.False(kwargs["enable_thinking"]!.GetValue<bool>());
    }

    [Fact]
    public void LoadText_ProviderSettings_AreTypedAndLocalOnlyOnesWarnElsewhere()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend: { type: local, model: m.gguf, context_size: 8192, threads: 4, max_retries: 0, idle_timeout: 30 }
              - backend: { type: openai, context_size: 8192 }
            """);

        Assert.Equal(["agents[1].backend.context_size (line 3): ignored: only type 'local' uses context_size (a server sets its own)"], ConfigTestHelper.Lines(result));
        var local = result.EnsureValid().Agents[0].Backend;
        Assert.Equal((8192, 4, 0, 30.0), (local.ContextSize, local.Threads, local.MaxRetries, local.IdleTimeoutSeconds));
        Assert.Empty(local.ProviderOptions);
    }
}
