namespace MassGen.Configuration.Tests;

public sealed class ConfigValidationErrorTests
{
    [Fact]
    public void LoadText_UnknownAgentKey_ReportsSuggestion()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: a
                systm_message: hello
                backend:
                  type: openai
                  model: gpt-5-mini
            """);

        Assert.Equal(["agents[0].systm_message (line 3): unknown key 'systm_message'; did you mean 'system_message'?"], ConfigTestHelper.Lines(result));
        Assert.Null(result.Config);
    }

    [Fact]
    public void LoadText_UnknownKeyWithoutCloseMatch_ListsKnownKeys()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend: { type: openai }
            ui:
              colour_scheme: dark
            """);

        Assert.Equal(["ui.colour_scheme (line 4): unknown key 'colour_scheme'; expected one of: display_type, logging_enabled, type, use_orchestrator_for_single_agent"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_BackendTypoOfKnownKey_IsErrorNotPassThrough()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  temprature: 0.5
            """);

        Assert.Equal(["agents[0].backend.temprature (line 4): unknown key 'temprature'; did you mean 'temperature'?"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_WrongType_SaysWhatWasExpectedAndGot()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: claude
                  temperature: hot
                  enable_web_search: "yes"
            """);

        Assert.Equal(
            [
                "agents[0].backend.temperature (line 4): must be a number; got the string 'hot'",
                "agents[0].backend.enable_web_search (line 5): must be true or false; got the string 'yes'",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_MissingModelForTypeWithoutDefault_NamesTheType()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: fast
                backend:
                  type: chatcompletion
                  base_url: http://localhost:8000/v1
            """);

        Assert.Equal(["agents[0].backend.model (line 3): missing; type 'chatcompletion' has no default model, so name the model to use (model: ...)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_MissingApiKey_NamesTheVariable()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: researcher
                backend:
                  type: openai
                  model: gpt-5-mini
              - id: writer
                backend:
                  model: gemini-2.5-pro
            """, environment: new Dictionary<string, string>());

        Assert.Equal(
            [
                "agents[0].backend.api_key (line 3): no API key for type 'openai': set OPENAI_API_KEY (in the environment or a .env file) or give api_key",
                "agents[1].backend.api_key (line 7): no API key for type 'gemini': set GEMINI_API_KEY or GOOGLE_API_KEY (in the environment or a .env file) or give api_key",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_ChatCompletionAtKnownHost_NeedsThatProvidersKey()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: chatcompletion
                  model: gpt-oss-120b
                  base_url: https://api.cerebras.ai/v1
            """, environment: new Dictionary<string, string>());

        Assert.Equal(["agents[0].backend.api_key (line 2): no API key for type 'chatcompletion': set CEREBRAS_API_KEY (in the environment or a .env file) or give api_key"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_BadUrl_IsReportedWithLine()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: chatcompletion
                  model: gpt-oss-120b
                  base_url: api.cerebras.ai/v1
            """);

        Assert.Equal(["agents[0].backend.base_url (line 5): must be an absolute http(s) URL; got 'api.cerebras.ai/v1'"], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_SystemPromptInBackend_PointsToSystemMessage()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: claude
                  system_prompt: You are terse.
                  append_system_prompt: Really.
            """);

        Assert.Equal(
            [
                "agents[0].backend.system_prompt (line 4): system_prompt is not allowed in a backend block; put the text in system_message on the agent instead",
                "agents[0].backend.append_system_prompt (line 5): append_system_prompt is not allowed in a backend block; put the text in system_message on the agent instead",
            ],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_DuplicateAgentIds_PointsAtBothDefinitions()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: critic
                backend: { type: claude }
              - id: writer
                backend: { type: openai }
              - id: critic
                backend: { type: grok }
            """);

        Assert.Equal(["agents[2].id (line 6): duplicate agent id 'critic' (already used by agents[0] on line 2); every agent needs its own id"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_SeveralErrors_AreAllReportedWithTheirLines()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: a
                backend:
                  type: opena
                  model: gpt-5
              - id: b
                backend:
                  type: chatcompletion
                  model: llama
                  base_url: not a url
                  max_tokens: -5
            orchestrator:
              voting_sensitivity: balnced
              max_new_answers_per_agent: 0
            timeout_settings:
              orchestrator_timeout_seconds: -1
            """);

        Assert.Equal(
            [
                "agents[0].backend.type (line 4): unknown backend type 'opena'; did you mean 'openai'?",
                "agents[1].backend.base_url (line 10): must be an absolute http(s) URL; got 'not a url'",
                "agents[1].backend.max_tokens (line 11): must be between 1 and 2147483647; got -5",
                "orchestrator.voting_sensitivity (line 13): must be one of lenient, balanced, strict; got 'balnced' (did you mean 'balanced'?)",
                "orchestrator.max_new_answers_per_agent (line 14): must be between 1 and 2147483647; got 0",
                "timeout_settings.orchestrator_timeout_seconds (line 16): must be greater than 0 and at most 31536000; got -1",
            ],
            ConfigTestHelper.Lines(result));
        Assert.True(result.Report.HasErrors);
        Assert.StartsWith("test.yaml: 6 errors, 0 warnings\n  error: agents[0].backend.type (line 4)", result.Report.ToString());
    }

    [Fact]
    public void LoadText_ClippedEnumValue_SuggestsTheFullWord()
    {
        var result = ConfigTestHelper.Load("""
            agents: [ { backend: { type: openai } } ]
            orchestrator: { tie_break: rand }
            """);

        Assert.Equal(["orchestrator.tie_break (line 2): must be one of registration, random, latest; got 'rand' (did you mean 'random'?)"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_AgentAndAgentsBoth_IsError()
    {
        var result = ConfigTestHelper.Load("""
            agent:
              backend: { type: openai }
            agents:
              - backend: { type: claude }
            """);

        Assert.Equal(["agent (line 1): use either agent (one agent) or agents (a list), not both"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_UnsupportedBuiltInTool_NamesTypesThatHaveIt()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: grok
                  enable_code_interpreter: true
            """);

        Assert.Equal(["agents[0].backend.enable_code_interpreter (line 4): type 'grok' has no built-in code interpreter; remove enable_code_interpreter or use a type that has it (openai)"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_DockerExecutionModeWithEveryKey_MapsThemAndWarnsForTheUnsupportedOnes()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  enable_mcp_command_line: true
                  command_line_execution_mode: docker
                  command_line_docker_image: python:3.12-slim
                  command_line_docker_memory_limit: 2g
                  command_line_docker_cpu_limit: 1.5
                  command_line_docker_network_mode: bridge
                  command_line_docker_enable_sudo: true
            """);

        var commandLine = result.Config!.Agents[0].Backend.CommandLine;
        Assert.Equal(CommandExecution.Docker, commandLine.Mode);
        Assert.Equal(("python:3.12-slim", "2g", 1.5, "bridge"), (commandLine.DockerImage, commandLine.DockerMemoryLimit, commandLine.DockerCpuLimit, commandLine.DockerNetworkMode));
        Assert.False(result.Report.HasErrors);
        Assert.Contains(result.Report.Warnings, w => w.ToString().StartsWith("agents[0].backend.command_line_docker_enable_sudo (line 11): ignored: docker mode runs each command", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_DockerKeysBad_ExplainsEach()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  enable_mcp_command_line: true
                  command_line_execution_mode: docker
                  command_line_docker_memory_limit: lots
                  command_line_docker_network_mode: everywhere
            """);

        Assert.Equal([
            "agents[0].backend.command_line_docker_memory_limit (line 7): must be an amount of memory as Docker writes it (512m, 2g); got 'lots'",
            "agents[0].backend.command_line_docker_network_mode (line 8): must be none, bridge or host; got 'everywhere'",
        ], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_DockerKeyWithoutDockerMode_WarnsIgnored()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  command_line_docker_image: python:3.12-slim
            """);

        Assert.Contains(result.Report.Warnings, w => w.ToString() == "agents[0].backend.command_line_docker_image (line 5): ignored: it applies only with command_line_execution_mode: docker");
        Assert.Null(result.Config!.Agents[0].Backend.CommandLine.DockerImage);
    }

    [Fact]
    public void LoadText_LocalExecutionMode_WarnsThatThereIsNoIsolation()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  enable_mcp_command_line: true
                  command_line_execution_mode: local
            """);

        var warning = Assert.Single(ConfigTestHelper.Lines(result));
        Assert.StartsWith("agents[0].backend.command_line_execution_mode (line 6): commands run on this machine without isolation", warning, StringComparison.Ordinal);
        Assert.Single(result.Report.Warnings);
        Assert.Equal(CommandExecution.Local, result.Config!.Agents[0].Backend.CommandLine.Mode);
    }

    [Fact]
    public void LoadText_CommandLineIsolationKeys_Bound()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  enable_mcp_command_line: true
                  command_line_network: true
                  command_line_env: { PROJECT_MODE: test }
                  command_line_limits: { cpu_seconds: 30, memory_mb: 512, max_processes: 64, max_file_size_mb: 100 }
            """);

        Assert.Empty(ConfigTestHelper.Lines(result));
        var commandLine = result.Config!.Agents[0].Backend.CommandLine;
        Assert.Equal(CommandExecution.Sandbox, commandLine.Mode);
        Assert.True(commandLine.Network);
        Assert.Equal("test", commandLine.Environment["PROJECT_MODE"]);
        Assert.Equal((30, 512, 64, 100), (commandLine.CpuSeconds, commandLine.MemoryMegabytes, commandLine.MaxProcesses, commandLine.MaxFileSizeMegabytes));
    }

    [Fact]
    public void LoadText_McpServerSandbox_BoundForStdioOnly()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  mcp_servers:
                    - { name: files, type: stdio, command: npx, sandbox: true }
                    - { name: web, type: streamable-http, url: "http://127.0.0.1:9/mcp", sandbox: true }
            """);

        Assert.Equal(["agents[0].backend.mcp_servers[1].sandbox (line 7): only a stdio server (a program MassGen starts) can run in the sandbox; remove sandbox"], ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_UnknownExecutionModeOrLimit_ErrorsNameTheKey()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  cwd: ws
                  enable_mcp_command_line: true
                  command_line_execution_mode: jail
                  command_line_limits: { memory_mb: 1 }
            """);

        var errors = ConfigTestHelper.ErrorLines(result);
        Assert.Contains(errors, e => e.StartsWith("agents[0].backend.command_line_execution_mode (line 6): must be sandbox (the default), docker or local; got 'jail'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("command_line_limits.memory_mb", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_NotYaml_ReportsSyntaxLine()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - id: a
               backend: [
            """);

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.StartsWith("not valid YAML", problem.Message);
        Assert.True(problem.Line >= 2, problem.ToString());
    }

    [Fact]
    public void LoadText_DuplicateKey_IsReportedWithLine()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  type: claude
            """);

        Assert.Equal(["line 4: not valid YAML: duplicate key 'type'; a key may appear only once in a mapping"], ConfigTestHelper.Lines(result));
    }
}
