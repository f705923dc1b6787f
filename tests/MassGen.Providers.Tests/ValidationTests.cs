using System.Text.Json.Nodes;

namespace MassGen.Providers.Tests;

public sealed class ValidationTests
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    [Fact]
    public void Validate_MissingKey_NamesTheVariable()
    {
        var problem = Assert.Single(ProviderFactory.Validate(new BackendSettings("claude"), s_noEnvironment));

        Assert.Equal("api_key", problem.Key);
        Assert.Contains("ANTHROPIC_API_KEY", problem.Message);
    }

    [Fact]
    public void Validate_KeyInEnvironment_NoProblem()
    {
        Assert.Empty(ProviderFactory.Validate(new BackendSettings("gemini"), new Dictionary<string, string?> { ["GOOGLE_API_KEY"] = "k" }));
    }

    [Fact]
    public void Validate_ChatCompletionAtKnownHost_NeedsThatProvidersKey()
    {
        var settings = new BackendSettings("chatcompletion") { Model = "gpt-oss-120b", BaseUrl = new Uri("https://api.cerebras.ai/v1") };

        var problem = Assert.Single(ProviderFactory.Validate(settings, s_noEnvironment));

        Assert.Contains("CEREBRAS_API_KEY", problem.Message);
    }

    [Fact]
    public void Validate_ChatCompletionWithoutBaseUrl_AsksForIt()
    {
        var problems = ProviderFactory.Validate(new BackendSettings("chatcompletion") { Model = "m" }, s_noEnvironment);

        Assert.Contains(problems, p => p.Key == "base_url" && p.Message.Contains("/v1"));
    }

    [Fact]
    public void Validate_LocalServer_NeedsNoKey()
    {
        Assert.Empty(ProviderFactory.Validate(new BackendSettings("vllm") { Model = "Qwen/Qwen3-8B" }, s_noEnvironment));
    }

    [Theory]
    [InlineData("chatcompletion", "enable_web_search")]
    [InlineData("gemini_openai", "enable_web_search")]
    [InlineData("gemini", "enable_code_interpreter")]
    [InlineData("groq", "enable_code_execution")]
    [InlineData("openai", "enable_code_execution")]
    [InlineData("claude", "enable_code_interpreter")]
    public void Validate_BuiltInToolTheTypeLacks_IsAProblem(string type, string key)
    {
        var settings = new BackendSettings(type)
        {
            Model = "m",
            ApiKey = "k",
            BaseUrl = new Uri("http://localhost:1/v1"),
            EnableWebSearch = key == "enable_web_search",
            EnableCodeExecution = key == "enable_code_execution",
            EnableCodeInterpreter = key == "enable_code_interpreter",
        };

        var problem = Assert.Single(ProviderFactory.Validate(settings, s_noEnvironment));

        Assert.Equal(key, problem.Key);
    }

    [Fact]
    public void Validate_GeminiOpenAIPresetWebSearch_PointsToTheNativeType()
    {
        var problem = Assert.Single(ProviderFactory.Validate(new BackendSettings("gemini_openai") { ApiKey = "k", EnableWebSearch = true }, s_noEnvironment));

        Assert.Equal("type 'gemini_openai' has no built-in web search (Google Search grounding needs Gemini's native API: use type gemini); remove enable_web_search or use a type that has it (openai, claude, gemini, grok, claude_code)", problem.Message);
    }

    [Fact]
    public void Validate_UnknownServerWithoutKeyVariable_WarningThatDoesNotStopCreation()
    {
        var settings = new BackendSettings("chatcompletion") { Model = "m", BaseUrl = new Uri("https://llm.example.org/v1") };

        var problem = Assert.Single(ProviderFactory.Validate(settings, s_noEnvironment));
        using var client = ProviderFactory.Create("solo", settings, new ProviderContext());

        Assert.True(problem.IsWarning);
        Assert.Equal("api_key", problem.Key);
        Assert.Contains("llm.example.org", problem.Message);
        Assert.Equal("m", client.Model);
    }

    [Fact]
    public void Validate_TypeOfTheOriginalWithNoCounterpart_SaysWhatToUseInstead()
    {
        var problem = Assert.Single(ProviderFactory.Validate(new BackendSettings("poe"), s_noEnvironment));

        Assert.Equal("type", problem.Key);
        Assert.Equal("backend type 'poe' is not supported; use type: chatcompletion with base_url: https://api.poe.com/v1 and api_key: ${POE_API_KEY}", problem.Message);
    }

    [Fact]
    public void Validate_NativeGeminiWebSearchAndCodeExecution_AreFine()
    {
        Assert.Empty(ProviderFactory.Validate(new BackendSettings("gemini") { ApiKey = "k", EnableWebSearch = true, EnableCodeExecution = true }, s_noEnvironment));
    }

    [Fact]
    public void Validate_GrokWebSearchWithManualSearchParameters_Conflict()
    {
        var settings = new BackendSettings("grok")
        {
            ApiKey = "k",
            EnableWebSearch = true,
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["extra_body"] = new JsonObject { ["search_parameters"] = new JsonObject { ["mode"] = "on" } } },
        };

        Assert.Contains(ProviderFactory.Validate(settings, s_noEnvironment), p => p.Message.Contains("conflicts with search_parameters"));
    }

    [Fact]
    public void Validate_EveryBadValue_ReportedTogether()
    {
        var settings = new BackendSettings("openai")
        {
            ApiKey = "k",
            Temperature = 3,
            TopP = 0,
            MaxTokens = -1,
            Reasoning = new ReasoningSettings("extreme", "verbose"),
            TextVerbosity = "loud",
            BaseUrl = new Uri("ftp://example.com"),
            Price = new ModelPrice(-1, 1),
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["extra_body"] = JsonValue.Create(3) },
        };

        var keys = ProviderFactory.Validate(settings, s_noEnvironment).Select(p => p.Key).ToList();

        Assert.Equal(["base_url", "temperature", "top_p", "max_tokens", "reasoning.effort", "reasoning.summary", "text.verbosity", "price", "extra_body"], keys);
    }

    [Fact]
    public void Validate_UnknownType_SuggestsTheClosest()
    {
        var problem = Assert.Single(ProviderFactory.Validate(new BackendSettings("cluade"), s_noEnvironment));

        Assert.Contains("did you mean 'claude'?", problem.Message);
    }

    [Fact]
    public void Validate_LocalModelMissing_SaysSo()
    {
        var problems = ProviderFactory.Validate(new BackendSettings("local") { Model = "/nowhere/model.gguf" }, s_noEnvironment);

        Assert.Contains(problems, p => p.Key == "model" && p.Message.Contains("does not exist"));
    }

    [Fact]
    public void Create_LocalWithoutLocalSupport_ExplainsWhatToRegister()
    {
        var file = Path.GetTempFileName() + ".gguf";
        File.WriteAllBytes(file, [0]);
        try
        {
            var error = Assert.Throws<BackendConfigurationException>(() => ProviderFactory.Create("solo", new BackendSettings("local") { Model = file }, new ProviderContext()));
            Assert.Contains("MassGen.Providers.Local", error.Message);
            Assert.Contains("Agent 'solo'", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Create_DescribesModelAndCarriesCatalogFlags()
    {
        using var client = ProviderFactory.Create("a", new BackendSettings("openai") { ApiKey = "k", EnableWebSearch = true }, new ProviderContext());

        Assert.Equal("openai/gpt-5-mini", client.ModelDescription);
        Assert.False(client.DecisionsAsJsonText);
        Assert.Single(client.Tools);
        var definition = client.ToAgentDefinition("Be careful.");
        Assert.Equal("a", definition.Id);
        Assert.Same(client.ChatClient, definition.ChatClient);
        Assert.Equal("gpt-5-mini", definition.ChatOptions!.ModelId);
    }
}
