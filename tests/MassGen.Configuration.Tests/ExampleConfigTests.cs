namespace MassGen.Configuration.Tests;

/// <summary>Every shipped example loads and validates cleanly (with fake keys in the injected environment).</summary>
public sealed class ExampleConfigTests
{
    private static readonly string s_examples = Path.Combine(RepositoryRoot(), "examples");

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(s_examples, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(s_examples, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void LoadFile_Example_HasNoProblems(string name)
    {
        var loader = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys), Path.GetTempPath());

        var result = loader.LoadFile(Path.Combine(s_examples, name));

        Assert.True(result.Report.Problems.Count == 0, result.Report.ToString());
        var config = result.EnsureValid();
        Assert.NotEmpty(config.Agents);
        Assert.Empty(config.ToOrchestratorOptions().Validate());
    }

    [Fact]
    public void Examples_PromisedByTheDocs_AllExist()
    {
        var discovery = new ConfigDiscovery(Path.GetTempPath(), homeDirectory: null, s_examples);

        string[] promised = ["three-frontier-models", "gemini-and-gpt", "ollama-team", "local-gguf-team", "mcp-tools-agent"];

        Assert.All(promised, name => Assert.Equal(ConfigOrigin.Example, discovery.Find($"@examples/{name}")!.Origin));
        Assert.Contains("--config examples/three-frontier-models.yaml", File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
    }

    [Fact]
    public void LoadFile_ThreeFrontierModels_IsGptClaudeAndGemini()
    {
        var config = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys))
            .LoadFile(Path.Combine(s_examples, "three-frontier-models.yaml")).EnsureValid();

        Assert.Equal(["openai", "claude", "gemini"], config.Agents.Select(a => a.Backend.Type));
    }

    [Fact]
    public void LoadFile_McpToolsAgent_HasFilesystemServerAndWorkspace()
    {
        var config = new ConfigLoader(new ConfigEnvironment(ConfigTestHelper.AllKeys))
            .LoadFile(Path.Combine(s_examples, "mcp-tools-agent.yaml")).EnsureValid();

        var builder = config.Agents[0].Backend;
        Assert.NotNull(builder.Cwd);
        var server = Assert.Single(builder.McpServers);
        Assert.Equal("npx", server.Command);
        Assert.Contains("@modelcontextprotocol/server-filesystem", server.Args);
    }

    [Fact]
    public void LoadFile_ExampleWithoutKeys_NamesEveryMissingVariable()
    {
        var result = new ConfigLoader(new ConfigEnvironment(new Dictionary<string, string>()))
            .LoadFile(Path.Combine(s_examples, "three-frontier-models.yaml"));

        Assert.Equal(
            [
                "agents[0].backend.api_key (line 7): no API key for type 'openai': set OPENAI_API_KEY (in the environment or a .env file) or give api_key",
                "agents[1].backend.api_key (line 12): no API key for type 'claude': set ANTHROPIC_API_KEY (in the environment or a .env file) or give api_key",
                "agents[2].backend.api_key (line 17): no API key for type 'gemini': set GEMINI_API_KEY or GOOGLE_API_KEY (in the environment or a .env file) or give api_key",
            ],
            ConfigTestHelper.Lines(result));
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MassGen.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MassGen.slnx) was not found above the test's folder.");
    }
}
