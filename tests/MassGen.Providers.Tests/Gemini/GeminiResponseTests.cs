using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests.Gemini;

/// <summary>What the native Gemini client makes of the API's answers: usage, thoughts, grounding, code execution, faults.</summary>
public sealed class GeminiResponseTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Usage_RunningTotalsInEveryChunk_LastKeptNotAdded()
    {
        var client = _harness.Create("gemini", s => s with { Model = "gemini-2.5-flash", Price = null });
        _harness.Server.Enqueue(new FakeTurn().WithReasoning("Think", "ing").WithText("a", "b", "c").WithUsage(2000, 300, cachedInputTokens: 1000, reasoningTokens: 100));

        var updates = await ProviderHarness.StreamAsync(client);

        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        var usage = TokenUsage.From(updates.ToChatResponse().Usage);
        Assert.Equal(2000, usage.InputTokens);
        Assert.Equal(300, usage.OutputTokens);
        Assert.Equal(100, usage.ReasoningTokens);
        Assert.Equal(1000, usage.CachedInputTokens);

        // gemini-2.5-flash list price: 1000 uncached × $0.30/M + 1000 cached × $0.03/M + 300 × $2.50/M.
        Assert.Equal(0.00108m, usage.CostUsd);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Thoughts_StreamAsReasoningBeforeTheText()
    {
        var client = _harness.Create("gemini", s => s with { Model = "gemini-2.5-pro" });
        _harness.Server.Enqueue(new FakeTurn().WithReasoning("Weighing ", "options.").WithText("Answer."));

        var updates = await ProviderHarness.StreamAsync(client);

        var kinds = updates.SelectMany(u => u.Contents).Where(c => c is TextReasoningContent or TextContent).Select(c => c.GetType().Name).ToList();
        Assert.Equal(["TextReasoningContent", "TextReasoningContent", "TextContent"], kinds);
        Assert.Equal("Answer.", updates.ToChatResponse().Text);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Grounding_SourcesAndQueries_InTheAnswerMessage()
    {
        var client = _harness.Create("gemini", s => s with { EnableWebSearch = true });
        _harness.Server.Enqueue(FakeTurn.Text("Paris is the capital.").WithGrounding(["capital of France"],
            new FakeSource("https://example.org/paris", "Paris - Example"), new FakeSource("https://example.com/france", "France")));
        var options = client.ChatOptions.Clone();
        options.Tools = [.. client.Tools];

        var response = (await ProviderHarness.StreamAsync(client, options)).ToChatResponse();

        var body = _harness.Server.Requests.Single().Body!;
        Assert.Equal("""[{"googleSearch":{}}]""", body["tools"]!.ToJsonString());
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        Assert.Equal(["capital of France"], Assert.Single(contents.OfType<WebSearchToolCallContent>()).Queries!);
        var sources = Assert.Single(contents.OfType<WebSearchToolResultContent>()).Outputs!.Cast<UriContent>().ToList();
        Assert.Equal(["https://example.org/paris", "https://example.com/france"], sources.Select(s => s.Uri.ToString()));
        Assert.Equal(["Paris - Example", "France"], sources.Select(s => s.AdditionalProperties!["title"]));
        Assert.Equal("Paris is the capital.", response.Text);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task CodeExecution_CodeAndOutput_StreamAsToolActivity()
    {
        var client = _harness.Create("gemini", s => s with { EnableCodeExecution = true });
        _harness.Server.Enqueue(new FakeTurn().WithText("Computing.").WithCodeExecution("print(6 * 7)", "42\n").WithText("It is 42."));
        var options = client.ChatOptions.Clone();
        options.Tools = [.. client.Tools];

        var updates = await ProviderHarness.StreamAsync(client, options);

        Assert.Equal("""[{"codeExecution":{}}]""", _harness.Server.Requests.Single().Body!["tools"]!.ToJsonString());
        var contents = updates.SelectMany(u => u.Contents).ToList();
        var code = Assert.Single(contents.OfType<CodeInterpreterToolCallContent>());
        Assert.Equal("print(6 * 7)", System.Text.Encoding.UTF8.GetString(code.Inputs!.OfType<DataContent>().Single().Data.Span));
        var output = Assert.Single(contents.OfType<CodeInterpreterToolResultContent>());
        Assert.Equal("42\n", output.Outputs!.OfType<TextContent>().Single().Text);
        Assert.Equal("Computing.It is 42.", updates.ToChatResponse().Text);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task FunctionCalls_InSeparateChunks_KeepIdsAndSignature()
    {
        var client = _harness.Create("gemini");
        _harness.Server.Enqueue(new FakeTurn()
            .WithToolCall("read_file", """{"path":"a.txt"}""", id: "fc_1")
            .WithToolCall("read_file", """{"path":"b.txt"}""", id: "fc_2"));

        var updates = await ProviderHarness.StreamAsync(client, ProviderConformanceTests.WithDecisionTools(client));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["fc_1", "fc_2"], calls.Select(c => c.CallId));
        Assert.Equal("c2lnbmF0dXJl", calls[0].AdditionalProperties!["gemini.thought_signature"]);
        Assert.Equal(ChatFinishReason.ToolCalls, updates.ToChatResponse().FinishReason);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("safety", "the answer was stopped by the provider (finishReason SAFETY)")]
    [InlineData("blocked", "the prompt was blocked (PROHIBITED_CONTENT): The prompt was blocked for PROHIBITED_CONTENT")]
    [InlineData("empty", "the answer had no candidates")]
    [InlineData("unknown-part", "the answer has a part of unknown type (hologram)")]
    [InlineData("bad-args", "function call 'vote' has arguments that are not a JSON object ([1,2])")]
    [InlineData("max-tokens", "the answer hit maxOutputTokens before producing anything (finishReason MAX_TOKENS)")]
    [InlineData("malformed-call", "the model produced an unusable function call (finishReason MALFORMED_FUNCTION_CALL)")]
    public async Task BadAnswer_ClearProviderErrorNamingTheAgent(string fault, string expected)
    {
        var client = _harness.Create("gemini", agentId: "researcher");
        _harness.Server.Enqueue(fault switch
        {
            "safety" => FakeTurn.Text("Some").WithFinishReason("SAFETY"),
            "blocked" => new FakeTurn().WithPromptBlocked("PROHIBITED_CONTENT"),
            "empty" => new FakeTurn().WithNoCandidates(),
            "unknown-part" => FakeTurn.Text("a").WithRawPart("""{"hologram":{"x":1}}"""),
            "bad-args" => FakeTurn.ToolCall("vote", "[1,2]"),
            "max-tokens" => new FakeTurn().WithFinishReason("MAX_TOKENS"),
            _ => new FakeTurn().WithFinishReason("MALFORMED_FUNCTION_CALL"),
        });

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.StartsWith("Agent 'researcher' (Google Gemini, gemini): " + expected, error.Message);
        Assert.Contains("Fix:", error.Message);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RateLimited_ResourceExhaustedWithRetryInfo_WaitsTheBodysDelay()
    {
        var client = _harness.Create("gemini", s => s with { MaxRetries = 0 });
        _harness.Server.Enqueue(FakeTurn.Error(429, "You exceeded your current quota.", retryAfter: TimeSpan.FromSeconds(37)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("HTTP 429: RESOURCE_EXHAUSTED: You exceeded your current quota", error.Message);
        Assert.True(error.IsTransient);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task MaxTokensWithText_IsALengthFinishNotAnError()
    {
        var client = _harness.Create("gemini");
        _harness.Server.Enqueue(FakeTurn.Text("cut sh").WithFinishReason("MAX_TOKENS"));

        var response = (await ProviderHarness.StreamAsync(client)).ToChatResponse();

        Assert.Equal("cut sh", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }
}
