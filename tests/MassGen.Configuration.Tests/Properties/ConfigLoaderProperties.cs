using CsCheck;
using MassGen.Testing;

namespace MassGen.Configuration.Tests.Properties;

/// <summary>
/// Whatever text it is given, <see cref="ConfigLoader.LoadText"/> returns a report: a valid configuration and no
/// errors, or no configuration and at least one error with a message. It never throws.
/// </summary>
public sealed class ConfigLoaderProperties
{
    private static readonly string[] s_examples = [.. Directory
        .EnumerateFiles(Path.Combine(ExampleConfigTests.RepositoryRoot(), "examples"), "*.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)];

    [Fact]
    public void LoadText_GeneratedYaml_ReportsInsteadOfThrowing() =>
        PropertyCheck.ForAll(ConfigGenerators.Yaml, iterations: 400, seed: 18_001, text => AssertReported(ConfigTestHelper.Load(text)));

    [Fact]
    public void LoadText_GeneratedJson_ReportsInsteadOfThrowing() =>
        PropertyCheck.ForAll(ConfigGenerators.Json, iterations: 400, seed: 18_002, text => AssertReported(ConfigTestHelper.LoadJson(text)));

    [Fact]
    public void LoadText_MutatedExamples_ReportsInsteadOfThrowing() =>
        PropertyCheck.ForAll(ConfigGenerators.MutatedExample(s_examples), iterations: 300, seed: 18_003, text => AssertReported(ConfigTestHelper.Load(text)));

    [Fact]
    public void LoadText_MutatedExamplesAsJson_ReportsInsteadOfThrowing() =>
        PropertyCheck.ForAll(ConfigGenerators.MutatedExample(s_examples), iterations: 100, seed: 18_004, text => AssertReported(ConfigTestHelper.LoadJson(text)));

    [Fact]
    public void LoadText_ArbitraryText_ReportsInsteadOfThrowing() =>
        PropertyCheck.ForAll(Gen.String[Gen.Char, 0, 200], iterations: 300, seed: 18_005, text =>
        {
            AssertReported(ConfigTestHelper.Load(text));
            AssertReported(ConfigTestHelper.LoadJson(text));
        });

    private static void AssertReported(ConfigLoadResult result)
    {
        Assert.All(result.Report.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        if (result.Report.HasErrors)
        {
            Assert.Null(result.Config);
        }
        else
        {
            Assert.NotNull(result.Config);
            Assert.Same(result.Config, result.EnsureValid());
        }
    }
}
