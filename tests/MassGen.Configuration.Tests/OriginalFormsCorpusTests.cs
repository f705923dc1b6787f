namespace MassGen.Configuration.Tests;

/// <summary>
/// Configuration files written in the original MassGen's forms (Corpus/Original, one per form) load, each with exactly
/// the warnings that say what is ignored or passed through.
/// </summary>
public sealed class OriginalFormsCorpusTests
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "Corpus", "Original");

    public static TheoryData<string, string[]> Files() => new()
    {
        { "mcp-servers-keyed-by-name.yaml", [] },
        {
            "claude-code-tools.yaml",
            ["agents[0].backend.enable_mcp_command_line (line 11): type claude_code runs commands with the CLI's own Bash tool in its workspace, outside MassGen's sandbox: command_line_* settings do not apply (refuse commands with disallowed_tools, e.g. \"Bash(git push:*)\")"]
        },
        {
            "gemini-search-and-code.yaml",
            ["agents[0].backend.enable_web_search (line 7): note: gemini-2.5-flash cannot take Google's built-in tools and function declarations in one request, so this agent votes and answers through JSON in its text, and MCP or workspace tools are not offered to it (Gemini 3 models can combine them)"]
        },
        {
            "ui-type.yaml",
            ["ui.type (line 7): ignored: the display is chosen by display_type (rich_terminal, simple or silent) or --display"]
        },
        {
            "top-level-display.yaml",
            ["display (line 6): ignored: the display is chosen by ui.display_type or --display"]
        },
        {
            "append-system-prompt.yaml",
            ["agents[0].append_system_prompt (line 4): ignored (the original ignores it here too); add the text to system_message instead"]
        },
        {
            "snapshot-folders.yaml",
            [
                "orchestrator.snapshot_storage (line 14): ignored: every run keeps its agents' snapshots in its own folder, .massgen/logs/<run-id>/snapshots/",
                "orchestrator.agent_temporary_workspace (line 15): ignored: every run keeps what each agent sees of its peers in its own folder, .massgen/logs/<run-id>/shared/",
            ]
        },
        {
            "unknown-backend-keys.yaml",
            ["agents[0].backend.logit_bias_mode (line 8): unknown key 'logit_bias_mode': not a MassGen setting nor a known OpenAI-compatible parameter; it is sent to the provider as is (remove it if it is a typo)"]
        },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadFile_OriginalForm_LoadsWithExactlyTheseWarnings(string file, string[] warnings)
    {
        var result = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), Path.GetTempPath()).LoadFile(Path.Combine(s_corpus, file));

        Assert.Equal(warnings, ConfigTestHelper.Lines(result));
        Assert.NotEmpty(result.EnsureValid().Agents);
    }

    [Fact]
    public void LoadFile_EveryCorpusFile_IsCovered()
    {
        var covered = Files().Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(Directory.EnumerateFiles(s_corpus, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal), covered);
    }

    [Fact]
    public void LoadFile_McpServersKeyedByName_KeyBecomesTheName()
    {
        var config = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), Path.GetTempPath())
            .LoadFile(Path.Combine(s_corpus, "mcp-servers-keyed-by-name.yaml")).EnsureValid();

        var servers = config.Agents[0].Backend.McpServers;
        Assert.Equal(["weather", "search"], servers.Select(s => s.Name));
        Assert.Equal("npx", servers[0].Command);
        Assert.Equal("http://localhost:5173/mcp", servers[1].Url?.ToString());
    }

    [Fact]
    public void LoadFile_UnknownBackendKeys_PassedThroughToTheProvider()
    {
        var config = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), Path.GetTempPath())
            .LoadFile(Path.Combine(s_corpus, "unknown-backend-keys.yaml")).EnsureValid();

        Assert.Equal(["top_k", "logit_bias_mode"], config.Agents[0].Backend.ProviderOptions.Keys);
        Assert.Equal(["top_k", "safety_settings", "thinking_config"], config.Agents[1].Backend.ProviderOptions.Keys);
    }

    [Fact]
    public void LoadFile_ClaudeCodeTools_KeysBoundForTheCli()
    {
        var backend = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), Path.GetTempPath())
            .LoadFile(Path.Combine(s_corpus, "claude-code-tools.yaml")).EnsureValid().Agents[0].Backend;

        Assert.Equal("acceptEdits", backend.PermissionMode);
        Assert.Equal(["Bash(git push:*)"], backend.DisallowedTools);
        Assert.Equal(["mcp__weather__forecast", "Read", "Write"], backend.AllowedTools);
        Assert.True(backend.EnableMcpCommandLine);
        Assert.Equal("weather", Assert.Single(backend.McpServers).Name);
        Assert.Empty(backend.ProviderOptions);
    }

    [Fact]
    public void Load_ClaudeCodeKeysOnAnotherType_IgnoredWithAWarning()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend: { type: openai, model: gpt-5-mini, permission_mode: plan, disallowed_tools: [Bash] }
            """, ConfigTestHelper.AllKeys);

        Assert.Equal(
            [
                "agents[0].backend.permission_mode (line 2): ignored: only type claude_code uses permission_mode (use exclude_tools to hide MCP tools from other types)",
                "agents[0].backend.disallowed_tools (line 2): ignored: only type claude_code uses disallowed_tools (use exclude_tools to hide MCP tools from other types)",
            ],
            ConfigTestHelper.Lines(result));
        Assert.Null(result.EnsureValid().Agents[0].Backend.PermissionMode);
    }
}
