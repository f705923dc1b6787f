using System.Text.Json;

namespace MassGen.Configuration.Tests;

/// <summary>Configurations written for the original MassGen load unchanged wherever the feature exists here.</summary>
public sealed class OriginalConfigCompatibilityTests
{
    // The shape of the original's documented full configuration (quoted scalars, reasoning/text pass-through,
    // workspaces, MCP, custom tools, snapshot folders, context paths, planning mode switched off, memory).
    private const string OriginalShape = """
        agents:
          - id: "researcher"
            system_message: "You are a careful researcher."
            backend:
              type: "openai"                 # Responses API
              model: "gpt-5-nano"
              reasoning: {effort: "medium", summary: "auto"}
              text: {verbosity: "medium"}
              enable_web_search: true
              enable_code_interpreter: true
              cwd: "workspace1"
              enable_mcp_command_line: true
              command_line_execution_mode: "local"
          - id: "critic"
            backend:
              type: "claude"
              model: "claude-sonnet-4-5-20250929"
              enable_web_search: true
              cwd: "workspace2"
              mcp_servers:
                - name: "weather"
                  type: "stdio"
                  command: "npx"
                  args: ["-y", "@fak111/weather-mcp"]
              custom_tools:
                - name: "two_num_tool"
                  path: "massgen/tool/_basic/_two_num_tool.py"
                  function: "two_num_tool"
          - id: "fast"
            backend:
              type: "chatcompletion"
              model: "gpt-oss-120b"
              base_url: "https://api.cerebras.ai/v1"
        orchestrator:
          snapshot_storage: "snapshots"
          agent_temporary_workspace: "temp_workspaces"
          context_paths:
            - path: "project"
              permission: "write"
              protected_paths: ["config.yaml"]
          voting_sensitivity: "balanced"
          answer_novelty_requirement: "balanced"
          max_new_answers_per_agent: 2
          coordination:
            enable_planning_mode: false
            max_orchestration_restarts: 1
        timeout_settings:
          orchestrator_timeout_seconds: 1200
        ui:
          display_type: "rich_terminal"
          logging_enabled: true
        memory:
          enabled: true
          conversation_memory:
            enabled: true
        """;

    [Fact]
    public void LoadText_OriginalFullConfiguration_LoadsWithOnlyExpectedWarnings()
    {
        using var cwd = new TempFolder();
        Directory.CreateDirectory(Path.Combine(cwd.Path, "project"));

        var result = ConfigTestHelper.Load(OriginalShape, currentDirectory: cwd.Path);

        Assert.Equal(
            [
                "agents[0].backend.command_line_execution_mode (line 13): commands run on this machine without isolation, with your user's rights: a command an agent writes (perhaps after reading a prompt injection in another answer) can read and change any of your files, read your environment and use the network; only a check of the command's text stands in front. Remove the key to use the sandbox (bubblewrap), the default",
                "agents[1].backend.custom_tools (line 25): custom Python tools are not supported; these tools are not offered (use an MCP server instead)",
                "orchestrator.snapshot_storage (line 35): ignored: every run keeps its agents' snapshots in its own folder, .massgen/logs/<run-id>/snapshots/",
                "orchestrator.agent_temporary_workspace (line 36): ignored: every run keeps what each agent sees of its peers in its own folder, .massgen/logs/<run-id>/shared/",
                "memory (line 52): memory is not supported by MassGen for .NET; this section is ignored",
            ],
            ConfigTestHelper.Lines(result));
        Assert.All(result.Report.Problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        var config = result.EnsureValid();
        Assert.Equal(["researcher", "critic", "fast"], config.Agents.Select(a => a.Id));
        var researcher = config.Agents[0].Backend;
        Assert.True(researcher.EnableWebSearch && researcher.EnableCodeInterpreter && researcher.EnableMcpCommandLine);
        Assert.Equal(["reasoning", "text"], researcher.ProviderOptions.Keys);
        Assert.Equal("claude-sonnet-4-5-20250929", config.Agents[1].Backend.Model);
        Assert.Equal("weather", Assert.Single(config.Agents[1].Backend.McpServers).Name);
        Assert.Equal("https://api.cerebras.ai/v1", config.Agents[2].Backend.BaseUrl);
        Assert.Equal(ContextAccess.Write, Assert.Single(config.Orchestrator.ContextPaths).Permission);
        var options = config.ToOrchestratorOptions();
        Assert.Equal(2, options.MaxNewAnswersPerAgent);
        Assert.Equal(1, options.MaxOrchestrationRestarts);
        Assert.Equal(TimeSpan.FromSeconds(1200), options.OrchestratorTimeout);
    }

    [Fact]
    public void LoadText_UnsupportedFeaturesSwitchedOn_AreWarningsNotErrors()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: a
                backend:
                  type: openai
                  upload_files: [ { image_path: cat.png } ]
                  enable_image_generation: true
                memory: { enabled: true }
            orchestrator:
              dspy: { enabled: true, num_variants: 3 }
              coordination:
                enable_planning_mode: true
                use_skills: true
                enable_agent_task_planning: false
            ui:
              display_type: terminal
            """);

        Assert.Equal(
            [
                "agents[0].backend.upload_files (line 5): file uploads are not supported; the files are not attached (give the agent a context path instead)",
                "agents[0].backend.enable_image_generation (line 6): image generation is not supported; ignored",
                "agents[0].memory (line 7): memory is not supported by MassGen for .NET; this section is ignored",
                "orchestrator.dspy (line 9): DSPy question paraphrasing is not supported; every agent gets the question as written",
                "orchestrator.coordination.enable_planning_mode (line 11): planning mode is not supported; agents may call their tools during coordination",
                "orchestrator.coordination.use_skills (line 12): skills are not supported; ignored",
            ],
            ConfigTestHelper.Lines(result));
        Assert.Equal(DisplayType.RichTerminal, result.EnsureValid().Ui.DisplayType);
    }

    [Fact]
    public void LoadText_UnsupportedOriginalBackendType_SaysWhatToUse()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: ag2 } }, { backend: { type: poe, model: x } } ]");

        Assert.Equal(
            [
                "agents[0].backend.type (line 1): backend type 'ag2' is not supported; AG2/AutoGen agents are not supported; use a model backend such as openai or claude",
                "agents[1].backend.type (line 1): backend type 'poe' is not supported; use type: chatcompletion with base_url: https://api.poe.com/v1 and api_key: ${POE_API_KEY}",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_GeminiWebSearchAndCodeExecution_LoadOnTheNativeType()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: gemini, model: gemini-2.5-flash, enable_web_search: true, enable_code_execution: true } } ]");

        Assert.Empty(ConfigTestHelper.ErrorLines(result));
        Assert.True(result.Config!.Agents[0].Backend.EnableWebSearch);
    }

    [Fact]
    public void LoadText_GeminiOpenAIPresetWebSearch_PointsToTheNativeType()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: gemini_openai, enable_web_search: true } } ]");

        Assert.Equal(["agents[0].backend.enable_web_search (line 1): type 'gemini_openai' has no built-in web search (Google Search grounding needs Gemini's native API: use type gemini); remove enable_web_search or use a type that has it (openai, claude, gemini, grok, claude_code)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_JsonWithSameStructure_GivesSameConfiguration()
    {
        using var cwd = new TempFolder();
        Directory.CreateDirectory(Path.Combine(cwd.Path, "project"));
        const string json = """
            {
              "agents": [
                { "id": "researcher", "system_message": "You are a careful researcher.",
                  "backend": { "type": "openai", "model": "gpt-5-nano", "reasoning": { "effort": "medium", "summary": "auto" },
                               "text": { "verbosity": "medium" }, "enable_web_search": true, "enable_code_interpreter": true,
                               "cwd": "workspace1", "enable_mcp_command_line": true, "command_line_execution_mode": "local" } },
                { "id": "critic",
                  "backend": { "type": "claude", "model": "claude-sonnet-4-5-20250929", "enable_web_search": true, "cwd": "workspace2",
                               "mcp_servers": [ { "name": "weather", "type": "stdio", "command": "npx", "args": ["-y", "@fak111/weather-mcp"] } ],
                               "custom_tools": [ { "name": "two_num_tool", "path": "massgen/tool/_basic/_two_num_tool.py", "function": "two_num_tool" } ] } },
                { "id": "fast", "backend": { "type": "chatcompletion", "model": "gpt-oss-120b", "base_url": "https://api.cerebras.ai/v1" } }
              ],
              "orchestrator": {
                "snapshot_storage": "snapshots", "agent_temporary_workspace": "temp_workspaces",
                "context_paths": [ { "path": "project", "permission": "write", "protected_paths": ["config.yaml"] } ],
                "voting_sensitivity": "balanced", "answer_novelty_requirement": "balanced", "max_new_answers_per_agent": 2,
                "coordination": { "enable_planning_mode": false, "max_orchestration_restarts": 1 }
              },
              "timeout_settings": { "orchestrator_timeout_seconds": 1200 },
              "ui": { "display_type": "rich_terminal", "logging_enabled": true },
              "memory": { "enabled": true, "conversation_memory": { "enabled": true } }
            }
            """;

        var fromYaml = ConfigTestHelper.Load(OriginalShape, currentDirectory: cwd.Path);
        var fromJson = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), cwd.Path).LoadText(json, ConfigFormat.Json, "test.json");

        Assert.Equal(JsonSerializer.Serialize(fromYaml.EnsureValid()), JsonSerializer.Serialize(fromJson.EnsureValid()));
        Assert.Equal(fromYaml.Report.Problems.Select(p => (p.Path, p.Severity, p.Message)), fromJson.Report.Problems.Select(p => (p.Path, p.Severity, p.Message)));
        Assert.Equal([6, 10, 14, 14, 21], fromJson.Report.Problems.Select(p => p.Line));
    }

    [Fact]
    public void LoadText_JsonErrors_CarryLines()
    {
        var result = ConfigTestHelper.LoadJson("""
            {
              "agents": [
                { "backend": { "type": "openai", "modle": "gpt-5" } }
              ],
              "ui": { "display_type": 3 }
            }
            """);

        Assert.Equal(
            [
                "agents[0].backend.modle (line 3): unknown key 'modle'; did you mean 'model'?",
                "ui.display_type (line 5): must be one of rich_terminal, simple, silent, terminal; got '3'",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_MalformedJson_ReportsLine()
    {
        var result = ConfigTestHelper.LoadJson("{\n  \"agents\": [\n    { \"backend\": }\n  ]\n}");

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("not valid JSON: ", problem.Message);
    }
}
