using System.Text.Json.Nodes;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>The exact JSON each wire protocol sends: model, messages, tools and parameters.</summary>
public sealed class RequestJsonTests : IAsyncLifetime
{
    private static readonly JsonNode s_voteParameters = JsonNode.Parse("""
        {"type":"object","required":["agent_id","reason"],"properties":{"agent_id":{"type":"string"},"reason":{"type":"string"}},"additionalProperties":false}
        """)!;

    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAIResponses_FullSettings_SendsExactFields()
    {
        var request = await SendAsync("openai", s => s with
        {
            Temperature = 0.3f,
            TopP = 0.9f,
            MaxTokens = 777,
            Reasoning = new ReasoningSettings("high", "auto"),
            TextVerbosity = "low",
            EnableWebSearch = true,
            EnableCodeInterpreter = true,
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["extra_body"] = new JsonObject { ["service_tier"] = "flex" } },
        });

        var body = request.Body!;
        Assert.Equal("/v1/responses", request.Path);
        Assert.Equal("Bearer sk-test-key", request.Header("authorization"));
        Assert.Equal("model-openai", (string?)body["model"]);
        Assert.True((bool)body["stream"]!);
        Assert.Equal(0.3, (double)body["temperature"]!, 3);
        Assert.Equal(0.9, (double)body["top_p"]!, 3);
        Assert.Equal(777, (int)body["max_output_tokens"]!);
        AssertJson("""{"effort":"high","summary":"auto"}""", body["reasoning"]);
        AssertJson("""{"verbosity":"low"}""", body["text"]);
        Assert.Equal("flex", (string?)body["service_tier"]);
        Assert.False((bool)body["store"]!);
        AssertJson("""
            [{"type":"message","role":"system","content":[{"type":"input_text","text":"Be brief."}]},
             {"type":"message","role":"user","content":[{"type":"input_text","text":"Hi"}]}]
            """, body["input"]);
        var tools = body["tools"]!.AsArray();
        Assert.Equal("function", (string?)tools[0]!["type"]);
        Assert.Equal("vote", (string?)tools[0]!["name"]);
        AssertJson(s_voteParameters.ToJsonString(), tools[0]!["parameters"]);
        AssertJson("""{"type":"web_search"}""", tools[2]);
        AssertJson("""{"type":"code_interpreter","container":{"type":"auto"}}""", tools[3]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ChatCompletions_FullSettings_SendsExactFields()
    {
        var request = await SendAsync("chatcompletion", s => s with
        {
            Temperature = 0.3f,
            TopP = 0.9f,
            MaxTokens = 777,
            Reasoning = new ReasoningSettings("low"),
            TextVerbosity = "high",
            AdditionalProperties = new Dictionary<string, JsonNode?>
            {
                ["extra_body"] = new JsonObject { ["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false } },
                ["top_k"] = 20,
            },
        });

        var body = request.Body!;
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-key", request.Header("authorization"));
        Assert.Equal("model-chatcompletion", (string?)body["model"]);
        Assert.True((bool)body["stream"]!);
        AssertJson("""{"include_usage":true}""", body["stream_options"]);
        Assert.Equal(777, (int)body["max_tokens"]!);
        Assert.Null(body["max_completion_tokens"]);
        Assert.Equal("low", (string?)body["reasoning_effort"]);
        Assert.Equal("high", (string?)body["verbosity"]);
        Assert.Equal(20, (int)body["top_k"]!);
        AssertJson("""{"enable_thinking":false}""", body["chat_template_kwargs"]);
        AssertJson("""[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]""", body["messages"]);
        var vote = body["tools"]![0]!;
        Assert.Equal("function", (string?)vote["type"]);
        Assert.Equal("vote", (string?)vote["function"]!["name"]);
        AssertJson(s_voteParameters.ToJsonString(), vote["function"]!["parameters"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task ChatCompletions_CompatibleServer_SdkBodyRenamedInPlaceByTheSinglePass()
    {
        var request = await SendAsync("chatcompletion", s => s with { MaxTokens = 777, Reasoning = new ReasoningSettings("low") });

        // The cheap single pass renames the key where the SDK wrote it; the JsonNode path, taken when the pass
        // cannot handle a body, would move it after the patch keys at the end.
        var keys = request.Body!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal("reasoning_effort", keys[^1]);
        Assert.True(keys.IndexOf("max_tokens") < keys.IndexOf("stream"), string.Join(", ", keys));
        Assert.Equal(777, (int)request.Body!["max_tokens"]!);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Grok_WebSearch_SendsLiveSearchParameters()
    {
        var request = await SendAsync("grok", s => s with { EnableWebSearch = true });

        AssertJson("""{"mode":"auto","return_citations":true}""", request.Body!["search_parameters"]);
        Assert.Equal(2, request.Body!["tools"]!.AsArray().Count);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AzureOpenAI_Deployment_UsesV1PathAndApiKeyHeader()
    {
        var request = await SendAsync("azure_openai", s => s with { Model = "my-deployment", MaxTokens = 300 });

        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("sk-test-key", request.Header("api-key"));
        Assert.Equal("my-deployment", (string?)request.Body!["model"]);
        Assert.Equal(300, (int)request.Body!["max_completion_tokens"]!);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnthropicMessages_Sampling_SendsKeyHeaderSystemAndTools()
    {
        var request = await SendAsync("claude", s => s with
        {
            Temperature = 0.3f,
            MaxTokens = 777,
            EnableWebSearch = true,
            EnableCodeExecution = true,
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["extra_body"] = new JsonObject { ["top_k"] = 5 } },
        });

        var body = request.Body!;
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("sk-test-key", request.Header("x-api-key"));
        Assert.Null(request.Header("authorization"));
        Assert.NotNull(request.Header("anthropic-version"));
        Assert.Equal("model-claude", (string?)body["model"]);
        Assert.Equal(777, (int)body["max_tokens"]!);
        Assert.True(body["temperature"] is not null, body.ToJsonString());
        Assert.Equal(0.3, (double)body["temperature"]!, 3);
        Assert.Equal(5, (int)body["top_k"]!);
        Assert.True((bool)body["stream"]!);
        AssertJson("""[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]""", body["system"]);
        AssertJson("""[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]""", body["messages"]);
        var tools = body["tools"]!.AsArray();
        Assert.Equal("vote", (string?)tools[0]!["name"]);
        AssertJson(s_voteParameters.ToJsonString(), tools[0]!["input_schema"]);
        Assert.StartsWith("web_search_", (string?)tools[2]!["type"]);
        Assert.StartsWith("code_execution_", (string?)tools[3]!["type"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnthropicMessages_BaseUrlWithV1_StillReachesMessages()
    {
        var request = await SendAsync("claude", s => s with { BaseUrl = _harness.Server.OpenAIBaseUrl });

        Assert.Equal("/v1/messages", request.Path);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnthropicMessages_Reasoning_SendsThinkingAndEffort()
    {
        var request = await SendAsync("claude", s => s with { Reasoning = new ReasoningSettings("medium") });

        AssertJson("""{"type":"adaptive"}""", request.Body!["thinking"]);
        Assert.Equal("medium", (string?)request.Body!["output_config"]!["effort"]);
        Assert.True((int)request.Body!["max_tokens"]! >= 4096, "thinking needs room beyond the answer");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnthropicMessages_CacheBreakpoints_OnLastToolSystemAndLastMessage()
    {
        var request = await SendAsync("claude", s => s);

        var body = request.Body!;
        var tools = body["tools"]!.AsArray();
        Assert.Equal([false, true], tools.Select(t => t!["cache_control"] is not null));
        AssertJson("""{"type":"ephemeral"}""", tools[^1]!["cache_control"]);
        AssertJson("""{"type":"ephemeral"}""", body["system"]![0]!["cache_control"]);
        AssertJson("""{"type":"ephemeral"}""", body["messages"]!.AsArray()[^1]!["content"]!.AsArray()[^1]!["cache_control"]);
        Assert.Null(body["prompt_cache_key"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAI_TwoAgents_EachSendsItsOwnStablePromptCacheKey()
    {
        foreach (var agent in new[] { "alpha", "beta", "alpha" })
        {
            await SendAsync("openai", s => s, agent);
        }

        var azure = await SendAsync("azure_openai", s => s with { Model = "my-deployment" }, "gamma");
        var compatible = await SendAsync("chatcompletion", s => s, "delta");
        var keys = _harness.Server.Requests.Select(r => (string?)r.Body!["prompt_cache_key"]).ToList();
        Assert.Equal(["massgen-alpha", "massgen-beta", "massgen-alpha", "massgen-gamma", null], keys);
        Assert.Null(azure.Body!["cache_control"]);
        Assert.Null(compatible.Body!["prompt_cache_key"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAI_CacheKeyInConfiguration_IsKept()
    {
        var request = await SendAsync("openai", s => s with { AdditionalProperties = new Dictionary<string, JsonNode?> { ["prompt_cache_key"] = "shared-team" } });

        Assert.Equal("shared-team", (string?)request.Body!["prompt_cache_key"]);
    }

    private async Task<RecordedRequest> SendAsync(string type, Func<BackendSettings, BackendSettings> configure, string agentId = "agent-under-test")
    {
        var client = _harness.Create(type, configure, agentId);
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = ProviderConformanceTests.WithDecisionTools(client);
        foreach (var tool in client.Tools)
        {
            options.Tools!.Add(tool);
        }

        await foreach (var _ in client.ChatClient.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options))
        {
        }

        return _harness.Server.Requests[^1];
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
