using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests.Gemini;

/// <summary>The exact JSON the native Gemini client sends, as the fake server received it.</summary>
public sealed class GeminiRequestTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Stream_FullConversation_SendsExactGeminiJson()
    {
        var client = _harness.Create("gemini", s => s with
        {
            Model = "gemini-2.5-flash",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxTokens = 800,
            Reasoning = new ReasoningSettings { Effort = "low" },
            AdditionalProperties = new Dictionary<string, JsonNode?>
            {
                ["top_k"] = 40,
                ["safety_settings"] = JsonNode.Parse("""[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]"""),
            },
        });
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = ProviderConformanceTests.WithDecisionTools(client);
        options.StopSequences = ["END"];
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are agent one."),
            new(ChatRole.User, "What is 2 + 2?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "read_file", new Dictionary<string, object?> { ["path"] = "a.txt" })
            {
                AdditionalProperties = new() { ["gemini.thought_signature"] = "c2ln" },
            }]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "four")]),
        ];

        await foreach (var _ in client.ChatClient.GetStreamingResponseAsync(messages, options))
        {
        }

        var request = Assert.Single(_harness.Server.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal(ProviderHarness.ApiKey, request.Header("x-goog-api-key"));
        Assert.Null(request.Header("authorization"));
        var expected = JsonNode.Parse("""
            {
              "contents": [
                {"role": "user", "parts": [{"text": "What is 2 + 2?"}]},
                {"role": "model", "parts": [{"thoughtSignature": "c2ln", "functionCall": {"id": "call_1", "name": "read_file", "args": {"path": "a.txt"}}}]},
                {"role": "user", "parts": [{"functionResponse": {"id": "call_1", "name": "read_file", "response": {"result": "four"}}}]}
              ],
              "systemInstruction": {"parts": [{"text": "You are agent one."}]},
              "tools": [{"functionDeclarations": [
                {"name": "vote", "description": "Vote for the best answer.", "parameters": {"type":"object","properties":{"agent_id":{"type":"string"},"reason":{"type":"string"}},"required":["agent_id","reason"]}},
                {"name": "new_answer", "description": "Give a new answer.", "parameters": {"type":"object","properties":{"content":{"type":"string"}},"required":["content"]}}
              ]}],
              "generationConfig": {
                "temperature": 0.5, "topP": 0.9, "maxOutputTokens": 800, "stopSequences": ["END"],
                "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": true},
                "topK": 40
              },
              "safetySettings": [{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, request.Body), request.RawBody);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task NonStreaming_UsesGenerateContent()
    {
        var client = _harness.Create("gemini");
        _harness.Server.Enqueue(FakeTurn.Text("plain"));

        var response = await client.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions);

        Assert.Equal("plain", response.Text);
        Assert.Equal("/v1beta/models/model-gemini:generateContent", _harness.Server.Requests.Single().Path);
        Assert.Equal("", _harness.Server.Requests.Single().Query);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Schema_BeyondTheOpenApiSubset_GoesToParametersJsonSchema()
    {
        var client = _harness.Create("gemini");
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = client.ChatOptions.Clone();
        var schema = """{"type":"object","properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}""";
        options.Tools = [AIFunctionFactory.CreateDeclaration("mcp__files__read", "Read a file.", JsonDocument.Parse(schema).RootElement),
            AIFunctionFactory.CreateDeclaration("ping", "No parameters.", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement)];

        await ProviderHarness.StreamAsync(client, options);

        var declarations = _harness.Server.Requests.Single().Body!["tools"]![0]!["functionDeclarations"]!.AsArray();
        Assert.Null(declarations[0]!["parameters"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema), declarations[0]!["parametersJsonSchema"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"ping","description":"No parameters."}"""), declarations[1]));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BuiltInTools_Gemini25WithFunctions_SendsOnlyBuiltInsAndDecidesInText()
    {
        var client = _harness.Create("gemini", s => s with { Model = "gemini-2.5-flash", EnableWebSearch = true, EnableCodeExecution = true });
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = ProviderConformanceTests.WithDecisionTools(client);
        options.Tools = [.. options.Tools!, .. client.Tools];

        await ProviderHarness.StreamAsync(client, options);

        Assert.True(client.DecisionsAsJsonText);
        var body = _harness.Server.Requests.Single().Body!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"googleSearch":{}},{"codeExecution":{}}]"""), body["tools"]));
        Assert.Null(body["toolConfig"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task BuiltInTools_Gemini3WithFunctions_SendsBothAndIncludesServerSideInvocations()
    {
        var client = _harness.Create("gemini", s => s with { Model = "gemini-3-pro-preview", EnableWebSearch = true, Reasoning = new ReasoningSettings { Effort = "high" } });
        _harness.Server.Enqueue(FakeTurn.Text("ok"));
        var options = ProviderConformanceTests.WithDecisionTools(client);
        options.Tools = [.. options.Tools!, .. client.Tools];

        await ProviderHarness.StreamAsync(client, options);

        Assert.False(client.DecisionsAsJsonText);
        var body = _harness.Server.Requests.Single().Body!;
        Assert.Equal(["vote", "new_answer"], body["tools"]![0]!["functionDeclarations"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"googleSearch":{}}"""), body["tools"]![1]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"includeServerSideToolInvocations":true}"""), body["toolConfig"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"thinkingLevel":"high","includeThoughts":true}"""), body["generationConfig"]!["thinkingConfig"]));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task PassThrough_ExtraBodyAndGenerationConfig_MergedUnderApiNames()
    {
        var client = _harness.Create("gemini", s => s with
        {
            AdditionalProperties = new Dictionary<string, JsonNode?>
            {
                ["generation_config"] = JsonNode.Parse("""{"candidate_count": 1, "response_mime_type": "text/plain"}"""),
                ["extra_body"] = JsonNode.Parse("""{"cachedContent": "cachedContents/abc"}"""),
                ["labels"] = JsonNode.Parse("""{"team": "massgen"}"""),
            },
        });
        _harness.Server.Enqueue(FakeTurn.Text("ok"));

        await ProviderHarness.StreamAsync(client);

        var body = _harness.Server.Requests.Single().Body!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"candidateCount":1,"responseMimeType":"text/plain"}"""), body["generationConfig"]));
        Assert.Equal("cachedContents/abc", body["cachedContent"]!.GetValue<string>());
        Assert.Equal("massgen", body["labels"]!["team"]!.GetValue<string>());
    }
}
