using MassGen.Core.Text;
using MassGen.Configuration.Internal;

namespace MassGen.Configuration.Tests;

public sealed class ScalarResolverTests
{
    [Theory]
    [InlineData("", "Null")]
    [InlineData("~", "Null")]
    [InlineData("null", "Null")]
    [InlineData("True", "Bool")]
    [InlineData("false", "Bool")]
    [InlineData("yes", "String")]
    [InlineData("1800", "Integer")]
    [InlineData("-5", "Integer")]
    [InlineData("+7", "Integer")]
    [InlineData("0x1F", "Integer")]
    [InlineData("0o17", "Integer")]
    [InlineData("0o19", "String")]
    [InlineData("0.5", "Float")]
    [InlineData(".5", "Float")]
    [InlineData("1.", "Float")]
    [InlineData("1e3", "Float")]
    [InlineData("-2.5E-3", "Float")]
    [InlineData(".inf", "Float")]
    [InlineData("-.inf", "Float")]
    [InlineData(".nan", "Float")]
    [InlineData("1e", "String")]
    [InlineData(".", "String")]
    [InlineData("-", "String")]
    [InlineData("gpt-5", "String")]
    [InlineData("qwen3:8b", "String")]
    [InlineData("4o", "String")]
    public void Resolve_PlainScalar_FollowsYamlCoreSchema(string text, string expected) =>
        Assert.Equal(expected, ScalarResolver.Resolve(text).ToString());

    [Theory]
    [InlineData("model", "modle", 1)]
    [InlineData("temperature", "temprature", 1)]
    [InlineData("base_url", "base-url", 1)]
    [InlineData("top_p", "top_k", 1)]
    [InlineData("agents", "agent", 1)]
    [InlineData("cwd", "workspace", 9)]
    public void Distance_CountsEditsWithSwapsAsOne(string a, string b, int expected) =>
        Assert.Equal(expected, NameSuggestions.Distance(a, b));

    [Fact]
    public void Suggest_NormalisesCaseAndDashes()
    {
        Assert.Equal("base_url", NameSuggestions.Closest("Base-URL", ["model", "base_url"]));
        Assert.Null(NameSuggestions.Closest("colour_scheme", ["display_type", "logging_enabled"]));
    }
}
