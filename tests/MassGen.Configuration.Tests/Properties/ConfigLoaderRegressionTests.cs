namespace MassGen.Configuration.Tests.Properties;

/// <summary>Inputs the configuration loader properties found crashing, kept as examples.</summary>
public sealed class ConfigLoaderRegressionTests
{
    [Fact]
    public void LoadText_JsonLoneSurrogateEscape_IsASyntaxErrorWithItsLine()
    {
        var result = ConfigTestHelper.LoadJson("{\n  \"agents\": [{\"id\": \"\\ud800\"}]\n}");

        Assert.Null(result.Config);
        Assert.Equal(
            ["line 2: a string holds a lone surrogate escape (such as \\ud800) that is not valid text; fix or remove it"],
            ConfigTestHelper.ErrorLines(result));
    }

    [Fact]
    public void LoadText_JsonLoneSurrogateEscapeInAKey_IsASyntaxError()
    {
        var result = ConfigTestHelper.LoadJson("{\"\\udc00\": 1}");

        Assert.Null(result.Config);
        Assert.Contains("lone surrogate escape", Assert.Single(ConfigTestHelper.ErrorLines(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_YamlFlowLineStartingWithPercent_IsASyntaxError()
    {
        var result = ConfigTestHelper.Load("a: [x\n%b]\n");

        Assert.Null(result.Config);
        Assert.Equal(
            ["line 1: not valid YAML: the text after this line cannot be read (a line inside [ ] or { } that starts with '%'? Quote such values)"],
            ConfigTestHelper.ErrorLines(result));
    }
}
