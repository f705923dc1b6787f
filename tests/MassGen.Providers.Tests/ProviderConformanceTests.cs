using System.Text.Json;
using MassGen.Core.Results;
using MassGen.Providers.Catalog;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// The same behaviour demanded of every HTTP backend type, each pointed at the fake server through its base_url and
/// parsed by its real SDK.
/// </summary>
public sealed class ProviderConformanceTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public static TheoryData<string> Types => ProviderHarness.HttpTypes;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Streaming_TextChunks_ArriveInOrderWithUsageAndCost(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text("Hel", "lo, ", "world").WithUsage(1000, 200, cachedInputTokens: 400, reasoningTokens: 50));

        var updates = await ProviderHarness.StreamAsync(client);

        var response = updates.ToChatResponse();
        Assert.Equal("Hello, world", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "the text should stream as several updates");
        var usage = TokenUsage.From(response.Usage);
        Assert.Equal(1000, usage.InputTokens);
        Assert.Equal(200, usage.OutputTokens);
        Assert.Equal(400, usage.CachedInputTokens);
        if (ProviderCatalog.Find(type)!.Protocol != WireProtocol.AnthropicMessages)
        {
            // Anthropic does not report reasoning tokens apart from output tokens.
            Assert.Equal(50, usage.ReasoningTokens);
        }

        // 600 uncached × $2/M + 400 cached × $0.5/M + 200 out × $8/M = $0.0012 + $0.0002 + $0.0016.
        Assert.Equal(0.0030m, usage.CostUsd);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Streaming_Reasoning_ArrivesAsReasoningContent(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text().WithReasoning("Let me ", "think.").WithText("Done"));

        var updates = await ProviderHarness.StreamAsync(client);

        var reasoning = string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal("Let me think.", reasoning);
        Assert.Equal("Done", updates.ToChatResponse().Text);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Streaming_OneToolCall_ArgumentsReassembled(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.ToolCall("vote", """{"agent_id":"agent2","reason":"most complete"}""", id: "call_a"));

        var updates = await ProviderHarness.StreamAsync(client, WithDecisionTools(client));

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("vote", call.Name);
        Assert.Equal("call_a", call.CallId);
        Assert.Equal("agent2", call.Arguments!["agent_id"]!.ToString());
        Assert.Equal("most complete", call.Arguments!["reason"]!.ToString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Streaming_SeveralToolCalls_AllReturnedInOrder(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(new FakeTurn()
            .WithText("Calling both.")
            .WithToolCall("new_answer", """{"content":"The answer is 42."}""", id: "call_1", pieces: 4)
            .WithToolCall("vote", """{"agent_id":"agent1","reason":"r"}""", id: "call_2", pieces: 2));

        var updates = await ProviderHarness.StreamAsync(client, WithDecisionTools(client));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["new_answer", "vote"], calls.Select(c => c.Name));
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.CallId));
        Assert.Equal("The answer is 42.", calls[0].Arguments!["content"]!.ToString());
        Assert.Equal("agent1", calls[1].Arguments!["agent_id"]!.ToString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task NonStreaming_TextAndUsage_Returned(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text("All ", "at once").WithUsage(10, 5));

        var response = await client.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions);

        Assert.Equal("All at once", response.Text);
        Assert.Equal(10, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.False(_harness.Server.Requests.Single().IsStreaming);
    }

    internal static ChatOptions WithDecisionTools(ProviderClient client)
    {
        var options = client.ChatOptions.Clone();
        options.Tools =
        [
            AIFunctionFactory.CreateDeclaration("vote", "Vote for the best answer.", JsonDocument.Parse("""
                {"type":"object","properties":{"agent_id":{"type":"string"},"reason":{"type":"string"}},"required":["agent_id","reason"]}
                """).RootElement),
            AIFunctionFactory.CreateDeclaration("new_answer", "Give a new answer.", JsonDocument.Parse("""
                {"type":"object","properties":{"content":{"type":"string"}},"required":["content"]}
                """).RootElement),
        ];
        return options;
    }
}
