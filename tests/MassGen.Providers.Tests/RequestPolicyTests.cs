using System.Text.Json.Nodes;
using MassGen.Providers.Catalog;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// The exact request fields for what a provider may keep (<c>store</c>, the encrypted reasoning include) and for one
/// tool call per response (<c>parallel_tool_calls</c>, <c>disable_parallel_tool_use</c>), per backend type.
/// </summary>
public sealed class RequestPolicyTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public static TheoryData<string> Types => ProviderHarness.HttpTypes;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAIResponses_NoStoreSetting_SendsStoreFalse()
    {
        var body = await SendAsync("openai", s => s with { Model = "gpt-4.1" });

        Assert.False((bool)body["store"]!);
        Assert.Null(body["include"]);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("gpt-5-mini")]
    [InlineData("o4-mini")]
    [InlineData("openai/o3")]
    public async Task OpenAIResponses_ReasoningModelUnstored_IncludesEncryptedReasoning(string model)
    {
        var body = await SendAsync("openai", s => s with { Model = model });

        Assert.False((bool)body["store"]!);
        AssertJson("""["reasoning.encrypted_content"]""", body["include"]);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("gpt-5-chat-latest")]
    [InlineData("gpt-4o")]
    public async Task OpenAIResponses_NonReasoningModel_NoInclude(string model)
    {
        // The API answers 400 "Encrypted content is not supported with this model" to these.
        var body = await SendAsync("openai", s => s with { Model = model });

        Assert.Null(body["include"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAIResponses_ReasoningBlockOnUnknownModel_IncludesEncryptedReasoning()
    {
        var body = await SendAsync("openai", s => s with { Model = "my-finetune", Reasoning = new ReasoningSettings("medium") });

        AssertJson("""["reasoning.encrypted_content"]""", body["include"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAIResponses_StoreTrue_SendsStoreTrueAndNoInclude()
    {
        // Stored reasoning items are found by their id; the encrypted copy is not needed.
        var body = await SendAsync("openai", s => s with { Model = "gpt-5-mini", Store = true });

        Assert.True((bool)body["store"]!);
        Assert.Null(body["include"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task OpenAIResponses_PassedThroughInclude_KeptAndEncryptedReasoningAdded()
    {
        var body = await SendAsync("openai", s => s with
        {
            Model = "gpt-5-mini",
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["include"] = new JsonArray("web_search_call.action.sources") },
        });

        AssertJson("""["web_search_call.action.sources","reasoning.encrypted_content"]""", body["include"]);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("chatcompletion")]
    [InlineData("azure_openai")]
    [InlineData("grok")]
    public async Task ChatCompletions_NoStoreSetting_SendsNoStoreField(string type)
    {
        var body = await SendAsync(type, s => s);

        Assert.Null(body["store"]);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("chatcompletion", true)]
    [InlineData("azure_openai", false)]
    public async Task ChatCompletions_StoreSet_SendsIt(string type, bool store)
    {
        var body = await SendAsync(type, s => s with { Store = store });

        Assert.Equal(store, (bool)body["store"]!);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task AllowMultipleToolCallsFalse_EachType_SendsItsOwnSettingOrNone(string type)
    {
        var body = await SendAsync(type, s => s, allowMultipleToolCalls: false);

        AssertParallel(type, body, expected: false);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task AllowMultipleToolCallsTrue_EachType_SendsItsOwnSettingOrNone(string type)
    {
        var body = await SendAsync(type, s => s, allowMultipleToolCalls: true);

        AssertParallel(type, body, expected: true);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task AllowMultipleToolCallsUnset_EachType_SendsNoSetting(string type)
    {
        var body = await SendAsync(type, s => s, allowMultipleToolCalls: null);

        Assert.Null(body["parallel_tool_calls"]);
        Assert.Null((body["tool_choice"] as JsonObject)?["disable_parallel_tool_use"]);
    }

    private static void AssertParallel(string type, JsonNode body, bool expected)
    {
        var info = ProviderCatalog.Find(type)!;
        if (info.Protocol == WireProtocol.AnthropicMessages)
        {
            AssertJson($$"""{"type":"auto","disable_parallel_tool_use":{{(!expected).ToString().ToLowerInvariant()}}}""", body["tool_choice"]);
            Assert.Null(body["parallel_tool_calls"]);
        }
        else if (type is "gemini" or "gemini_openai" or "deepseek" or "moonshot" or "zai" or "nebius" or "together" or "fireworks" or "lmstudio" or "ollama")
        {
            // Gemini has no such field (its OpenAI-compatible endpoint rejects it); the others do not document it.
            Assert.Null(body["parallel_tool_calls"]);
        }
        else
        {
            Assert.Equal(expected, (bool)body["parallel_tool_calls"]!);
        }
    }

    private async Task<JsonNode> SendAsync(string type, Func<BackendSettings, BackendSettings> configure, bool? allowMultipleToolCalls = null)
    {
        var client = _harness.Create(type, configure);
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = ProviderConformanceTests.WithDecisionTools(client);
        options.AllowMultipleToolCalls = allowMultipleToolCalls;
        await foreach (var _ in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options))
        {
        }

        return Assert.Single(_harness.Server.Requests).Body!;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
