namespace MassGen.Configuration.Tests;

public sealed class EnvironmentTests
{
    [Fact]
    public void LoadText_VariableReferences_AreExpandedFromInjectedEnvironment()
    {
        var environment = new Dictionary<string, string>(ConfigTestHelper.AllKeys)
        {
            ["MODEL"] = "gpt-5",
            ["TOKEN"] = "secret-token",
            ["ROUNDS"] = "5",
        };

        var config = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  model: ${MODEL}
                  api_key: "${TOKEN}"
                  mcp_servers:
                    - name: gh
                      command: npx
                      args: ["--root", "${cwd}/src"]
                      env: { GITHUB_TOKEN: "${TOKEN}", LEVEL: "${LEVEL:-info}" }
            orchestrator:
              max_new_answers_per_agent: ${ROUNDS}
            """, environment).EnsureValid();

        var backend = config.Agents[0].Backend;
        Assert.Equal("gpt-5", backend.Model);
        Assert.Equal("secret-token", backend.ApiKey);
        Assert.Equal("secret-token", backend.McpServers[0].Env["GITHUB_TOKEN"]);
        Assert.Equal("info", backend.McpServers[0].Env["LEVEL"]);
        Assert.Equal(["--root", "${cwd}/src"], backend.McpServers[0].Args);
        Assert.Equal(5, config.Orchestrator.MaxNewAnswersPerAgent);
    }

    [Fact]
    public void LoadText_UnsetVariable_IsErrorAtItsPath()
    {
        var result = ConfigTestHelper.Load("""
            agents:
              - backend:
                  type: openai
                  mcp_servers:
                    - name: gh
                      command: npx
                      env:
                        GITHUB_TOKEN: ${GITHUB_TOKEN}
            """);

        Assert.Equal(["agents[0].backend.mcp_servers[0].env.GITHUB_TOKEN (line 8): environment variable GITHUB_TOKEN is not set; set it (or add it to a .env file), or write ${GITHUB_TOKEN:-default}"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void Load_DotEnvFiles_RealVariablesWinThenCurrentFolderThenHome()
    {
        using var home = new TempFolder();
        using var project = new TempFolder();
        home.Write(".massgen/.env", """
            OPENAI_API_KEY=from-home
            ANTHROPIC_API_KEY=from-home
            GEMINI_API_KEY=from-home
            """);
        project.Write(".env", """
            # project keys
            export ANTHROPIC_API_KEY="from-project"
            GEMINI_API_KEY='from-project'
            XAI_API_KEY=from-project # trailing comment
            not a line
            """);
        var real = new Dictionary<string, string> { ["GEMINI_API_KEY"] = "from-process" };

        var environment = ConfigEnvironment.Load(real, project.Path, home.Path);

        Assert.Equal("from-home", environment.Get("OPENAI_API_KEY"));
        Assert.Equal("from-project", environment.Get("ANTHROPIC_API_KEY"));
        Assert.Equal("from-process", environment.Get("GEMINI_API_KEY"));
        Assert.Equal("from-project", environment.Get("XAI_API_KEY"));
        Assert.Equal([Path.Combine(home.Path, ".massgen", ".env"), Path.Combine(project.Path, ".env")], environment.LoadedFiles);
        Assert.Equal([$"{Path.Combine(project.Path, ".env")} (line 5): not a KEY=value line; ignored"], environment.Warnings);
    }

    [Fact]
    public void Load_NoDotEnvFiles_KeepsOnlyRealVariables()
    {
        using var empty = new TempFolder();

        var environment = ConfigEnvironment.Load(new Dictionary<string, string> { ["A"] = "1" }, empty.Path, empty.Path);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1" }, environment.Variables);
        Assert.Empty(environment.LoadedFiles);
    }

    [Fact]
    public void LoadText_KeyFromDotEnv_SatisfiesApiKeyCheck()
    {
        using var project = new TempFolder();
        project.Write(".env", "OPENAI_API_KEY=sk-from-dotenv\n");
        var environment = ConfigEnvironment.Load(new Dictionary<string, string>(), project.Path, homeDirectory: null);

        var result = new ConfigLoader(environment, project.Path).LoadText("agents: [ { backend: { type: openai } } ]");

        Assert.False(result.Report.HasErrors, result.Report.ToString());
    }

    [Fact]
    public void LoadText_BlankKeyVariable_CountsAsMissing()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: claude } } ]", new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "  " });

        Assert.Equal(["agents[0].backend.api_key (line 1): no API key for type 'claude': set ANTHROPIC_API_KEY (in the environment or a .env file) or give api_key"],
            ConfigTestHelper.Lines(result));
    }
}
