namespace MassGen.Configuration.Tests;

public sealed class ConfigLoaderFileTests
{
    [Fact]
    public void LoadFile_JsonExtension_IsReadAsJson()
    {
        using var folder = new TempFolder();
        var path = folder.Write("team.json", """{ "agents": [ { "id": "a", "backend": { "type": "openai" } } ] }""");

        var config = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), folder.Path).LoadFile(path).EnsureValid();

        Assert.Equal("a", Assert.Single(config.Agents).Id);
    }

    [Fact]
    public void LoadFile_ReportNamesTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("team.yml", "agents: [ { backend: { type: openai, modle: x } } ]\n");

        var result = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), folder.Path).LoadFile(path);

        Assert.Equal($"{path}: 1 error, 0 warnings\n  error: agents[0].backend.modle (line 1): unknown key 'modle'; did you mean 'model'?", result.Report.ToString());
    }

    [Fact]
    public void LoadFile_Missing_ThrowsConfigurationException()
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys)).LoadFile("/nonexistent/team.yaml"));

        Assert.Equal("Configuration file not found: /nonexistent/team.yaml. Check the path, or use @examples/NAME for a shipped example.", ex.Message);
        Assert.Null(ex.Report);
    }

    [Fact]
    public void LoadText_AzureWithoutEndpoint_AsksForIt()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: azure_openai, model: my-deployment } } ]",
            new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = "k" });

        Assert.Equal(["agents[0].backend.base_url (line 1): missing; type 'azure_openai' needs the resource endpoint: set AZURE_OPENAI_ENDPOINT or base_url: https://<resource>.openai.azure.com"],
            ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_LocalModelNotGguf_IsError()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: local, model: llama3 } } ]");

        Assert.Equal(["agents[0].backend.model (line 1): type 'local' needs the path of a .gguf file; got 'llama3'"], ConfigTestHelper.Lines(result));
    }

    [Fact]
    public void LoadText_ClaudeCodeWithoutKey_IsOnlyAWarning()
    {
        var result = ConfigTestHelper.Load("agents: [ { backend: { type: claude_code } } ]", new Dictionary<string, string>());

        Assert.Equal(["agents[0].backend.api_key (line 1): no API key for type 'claude_code': set ANTHROPIC_API_KEY (in the environment or a .env file) or give api_key, unless the Claude Code CLI is logged in (claude login)"],
            ConfigTestHelper.Lines(result));
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void LoadText_NoAgents_SaysHowToAddThem()
    {
        var result = ConfigTestHelper.Load("ui: { display_type: simple }");

        Assert.Equal(["line 1: no agents: add an agents: list (or agent: for a single agent), each with a backend"], ConfigTestHelper.Lines(result));
    }
}
