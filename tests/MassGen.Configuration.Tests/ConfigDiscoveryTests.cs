namespace MassGen.Configuration.Tests;

public sealed class ConfigDiscoveryTests
{
    private const string Minimal = "agents: [ { backend: { type: openai } } ]\n";

    [Fact]
    public void Find_NoArgument_PrefersProjectThenUserConfig()
    {
        using var home = new TempFolder();
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        var discovery = new ConfigDiscovery(cwd.Path, home.Path, examples.Path);

        Assert.Null(discovery.Find(null));

        var user = home.Write(".config/massgen/config.yaml", Minimal);
        Assert.Equal(new ConfigLocation(user, ConfigOrigin.User), discovery.Find(null));

        var project = cwd.Write(".massgen/config.yaml", Minimal);
        Assert.Equal(new ConfigLocation(project, ConfigOrigin.Project), discovery.Find(null));
    }

    [Fact]
    public void Find_ExplicitPath_WinsOverDefaults()
    {
        using var home = new TempFolder();
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        cwd.Write(".massgen/config.yaml", Minimal);
        var mine = cwd.Write("teams/mine.yml", Minimal);
        var discovery = new ConfigDiscovery(cwd.Path, home.Path, examples.Path);

        Assert.Equal(new ConfigLocation(mine, ConfigOrigin.Argument), discovery.Find("teams/mine.yml"));
    }

    [Fact]
    public void Find_BareName_FallsBackToUserAgentsFolder()
    {
        using var home = new TempFolder();
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        var saved = home.Write(".config/massgen/agents/research.yaml", Minimal);
        var discovery = new ConfigDiscovery(cwd.Path, home.Path, examples.Path);

        Assert.Equal(new ConfigLocation(saved, ConfigOrigin.Argument), discovery.Find("research"));
    }

    [Fact]
    public void Find_MissingPath_ThrowsNamingWhereItLooked()
    {
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        var discovery = new ConfigDiscovery(cwd.Path, homeDirectory: null, examples.Path);

        var ex = Assert.Throws<ConfigurationException>(() => discovery.Find("nope.yaml"));

        Assert.Equal($"Configuration file not found: nope.yaml (looked for {Path.Combine(cwd.Path, "nope.yaml")}). Check the path, or use @examples/NAME for a shipped example.", ex.Message);
    }

    [Fact]
    public void Find_ExampleName_ResolvesExactThenUniquePartialMatch()
    {
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        var three = examples.Write("three-frontier-models.yaml", Minimal);
        var ollama = examples.Write("local/ollama-team.yaml", Minimal);
        examples.Write("gemini-and-gpt.yaml", Minimal);
        examples.Write("README.md", "not a config");
        var discovery = new ConfigDiscovery(cwd.Path, homeDirectory: null, examples.Path);

        Assert.Equal(new ConfigLocation(three, ConfigOrigin.Example), discovery.Find("@examples/three-frontier-models"));
        Assert.Equal(three, discovery.Find("@examples/three-frontier-models.yaml")!.Path);
        Assert.Equal(ollama, discovery.Find("@examples/ollama-team")!.Path);
        Assert.Equal(ollama, discovery.Find("@examples/ollama")!.Path);
        Assert.Equal(["gemini-and-gpt", "local/ollama-team", "three-frontier-models"], discovery.ListExamples());
    }

    [Fact]
    public void Find_UnknownOrAmbiguousExample_ListsChoices()
    {
        using var cwd = new TempFolder();
        using var examples = new TempFolder();
        examples.Write("gemini-and-gpt.yaml", Minimal);
        examples.Write("gemini-solo.yaml", Minimal);
        var discovery = new ConfigDiscovery(cwd.Path, homeDirectory: null, examples.Path);

        Assert.Equal("No example matches 'claude'. Available: gemini-and-gpt, gemini-solo.",
            Assert.Throws<ConfigurationException>(() => discovery.Find("@examples/claude")).Message);
        Assert.Equal("'gemini' matches several examples: gemini-and-gpt, gemini-solo; give the full name.",
            Assert.Throws<ConfigurationException>(() => discovery.Find("@examples/gemini")).Message);
    }

    [Fact]
    public void DefaultExamplesDirectory_UsesVariableElseProgramFolder()
    {
        Assert.Equal("/opt/massgen/examples", ConfigDiscovery.DefaultExamplesDirectory("/opt/massgen/examples"));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "examples"), ConfigDiscovery.DefaultExamplesDirectory(null));
    }
}
