using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;

namespace MassGen.Providers.Tests;

/// <summary><see cref="ProviderFactory.Validate"/> and <see cref="ProviderFactory.Create"/> refuse pass-through keys that the request building owns.</summary>
public sealed class ReservedKeyValidationTests
{
    private static readonly Dictionary<string, string?> s_keys = new()
    {
        ["OPENAI_API_KEY"] = "k",
        ["ANTHROPIC_API_KEY"] = "k",
        ["XAI_API_KEY"] = "k",
        ["GEMINI_API_KEY"] = "k",
        ["AZURE_OPENAI_API_KEY"] = "k",
        ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com",
    };

    public static TheoryData<string, string> Reserved => new()
    {
        { "openai", "stream" }, { "openai", "model" }, { "openai", "tools" }, { "openai", "tool_choice" }, { "openai", "input" },
        { "openai", "instructions" }, { "openai", "previous_response_id" }, { "openai", "conversation" },
        { "openai", "parallel_tool_calls" }, { "openai", "store" },
        { "grok", "stream" }, { "grok", "messages" }, { "grok", "stream_options" }, { "grok", "functions" }, { "grok", "function_call" },
        { "grok", "parallel_tool_calls" }, { "grok", "store" }, { "grok", "tools" }, { "grok", "tool_choice" },
        { "gemini_openai", "parallel_tool_calls" }, { "azure_openai", "messages" },
        { "claude", "stream" }, { "claude", "messages" }, { "claude", "system" }, { "claude", "tools" }, { "claude", "tool_choice" },
    };

    [Theory]
    [MemberData(nameof(Reserved))]
    public void Validate_ReservedTopLevelKey_OneProblemSayingWhatToUse(string type, string key)
    {
        var settings = new BackendSettings(type) { Model = "m", AdditionalProperties = new Dictionary<string, JsonNode?> { [key] = false } };

        var problem = Assert.Single(ProviderFactory.Validate(settings, s_keys));

        Assert.Equal(key, problem.Key);
        Assert.StartsWith($"'{key}' is set by MassGen's request building and cannot be passed through: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ReservedRequestKeys.Explain(ProviderCatalog.Find(type)!, key), problem.Message);
    }

    [Theory]
    [MemberData(nameof(Reserved))]
    public void Validate_ReservedKeyInExtraBody_ProblemNamesTheNestedKey(string type, string key)
    {
        var settings = new BackendSettings(type)
        {
            Model = "m",
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["extra_body"] = new JsonObject { [key] = false, ["top_k"] = 5 } },
        };

        var problem = Assert.Single(ProviderFactory.Validate(settings, s_keys));

        Assert.Equal($"extra_body.{key}", problem.Key);
    }

    [Theory]
    [InlineData("claude", "previous_response_id")]
    [InlineData("claude", "store")]
    [InlineData("openai", "messages")]
    [InlineData("grok", "input")]
    [InlineData("openai", "max_output_tokens")]
    [InlineData("openai", "include")]
    [InlineData("grok", "max_completion_tokens")]
    public void Validate_KeyOwnedByAnotherProtocolOrFree_PassesThrough(string type, string key)
    {
        var settings = new BackendSettings(type) { Model = "m", AdditionalProperties = new Dictionary<string, JsonNode?> { [key] = 1 } };

        Assert.Empty(ProviderFactory.Validate(settings, s_keys));
    }

    [Fact]
    public void Validate_StoreOnAnthropic_SaysTheApiHasNone()
    {
        var problem = Assert.Single(ProviderFactory.Validate(new BackendSettings("claude") { Store = true }, s_keys));

        Assert.Equal("store", problem.Key);
        Assert.Equal("the Anthropic Messages API has no store setting (it keeps no conversation state); remove store", problem.Message);
    }

    [Fact]
    public void Create_StreamPassedThrough_ThrowsWithTheProblemInsteadOfRunningSilently()
    {
        var settings = new BackendSettings("openai") { ApiKey = "k", AdditionalProperties = new Dictionary<string, JsonNode?> { ["stream"] = false } };

        var error = Assert.Throws<BackendConfigurationException>(() => ProviderFactory.Create("agent-x", settings, new ProviderContext()));

        Assert.Contains("'stream' is set by MassGen's request building", error.Message, StringComparison.Ordinal);
        Assert.Contains("agent-x", error.Message, StringComparison.Ordinal);
    }
}
