using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Providers.Internal;
using MassGen.Testing;

namespace MassGen.Providers.Tests;

/// <summary>
/// The single-pass body rewrite under every provider SDK: what it sends, and each body it leaves to the JsonNode path
/// because only that path gives the right result.
/// </summary>
public sealed class JsonBodyRewriterTests
{
    private static readonly Dictionary<string, string> s_noRenames = [];
    private static readonly Dictionary<string, string> s_maxTokens = new() { ["max_completion_tokens"] = "max_tokens" };

    [Fact]
    public void TryRewrite_RenameAndPatch_RenamesInPlaceReplacesAndAppends()
    {
        var patch = new JsonObject { ["temperature"] = 0.5, ["prompt_cache_key"] = "massgen-a1", ["text"] = new JsonObject { ["verbosity"] = "low" } };

        var sent = Rewrite("""{"model":"m","max_completion_tokens":100,"temperature":1,"text":"plain","stream":true}""", patch, s_maxTokens);

        Assert.Equal("""{"model":"m","max_tokens":100,"temperature":0.5,"text":{"verbosity":"low"},"stream":true,"prompt_cache_key":"massgen-a1"}""", sent);
    }

    [Fact]
    public void TryRewrite_UntouchedValues_CopiedByteForByte()
    {
        // Whitespace inside values, escapes and number spellings stay as the SDK wrote them.
        const string Messages = """[ {"role":"user","content":"caf\u00e9 \"q\" \n 😀 \ud83d\ude00"} , 1.0e+400 ]""";

        var sent = Rewrite($$"""{ "messages" : {{Messages}} , "n": -0.50 }""", new JsonObject { ["k"] = "v" }, s_noRenames);

        Assert.Equal($$"""{"messages":{{Messages}},"n":-0.50,"k":"v"}""", sent);
    }

    [Fact]
    public void TryRewrite_EscapedBackslashBeforeU_NotTakenForSurrogateEscape()
    {
        // A literal backslash followed by "ud800" is text, not an escape.
        var sent = Rewrite("""{"a":"\\ud800"}""", new JsonObject { ["k"] = 1 }, s_noRenames);

        Assert.Equal("""{"a":"\\ud800","k":1}""", sent);
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("""  "text" """)]
    [InlineData("""null""")]
    [InlineData("""{"reasoning":{"summary":"auto"}}""")] // a patch object onto a body object is merged
    [InlineData("""{"tools":[{"type":"function"}]}""")] // patch tools are appended to the body's
    [InlineData("""{"max_completion_tokens":1,"max_tokens":2}""")] // the rename's target is in the body
    [InlineData("""{"model":"a","model":"b"}""")] // duplicate keys
    [InlineData("""{"model":"a",}""")] // not valid JSON
    [InlineData("""{"model":"a"} x""")] // text after the object
    [InlineData("""{"model":"a\ud800"}""")] // an escaped lone high surrogate
    [InlineData("""{"model":"a\udc00"}""")] // an escaped lone low surrogate
    [InlineData("""{"\ud800":"a"}""")] // in a key
    public void TryRewrite_BodiesOnlyTheJsonNodePathGetsRight_ReturnsNull(string body)
    {
        var patch = new JsonObject { ["reasoning"] = new JsonObject { ["effort"] = "high" }, ["tools"] = new JsonArray(new JsonObject { ["type"] = "web_search" }) };

        Assert.Null(new JsonBodyRewriter(patch, s_maxTokens).TryRewrite(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":1.}""")]
    [InlineData("""{"a":.5}""")]
    [InlineData("""{"a":-}""")]
    [InlineData("""{"a":1e}""")]
    [InlineData("""{"a":+1}""")]
    [InlineData("""{"a":1x}""")]
    [InlineData("""{"a":tru}""")]
    [InlineData("""{"a":nulll}""")]
    [InlineData("""{"a":"\x"}""")]
    [InlineData("""{"a":"\u12G4"}""")]
    [InlineData("""{"a":"\u12"}""")]
    [InlineData("""{"a":"open}""")]
    [InlineData("""{"a":[1,]}""")]
    [InlineData("""{"a":[1 2]}""")]
    [InlineData("""{"a":{"b"}}""")]
    [InlineData("""{"a":{"b":1,}}""")]
    [InlineData("""{"a":{1:2}}""")]
    [InlineData("""{"a":1 /* c */}""")]
    [InlineData("""{"a" 1}""")]
    [InlineData("""{a:1}""")]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a":1}}""")]
    [InlineData("""{,}""")]
    [InlineData("")]
    public void TryRewrite_InvalidJson_ReturnsNull(string body) =>
        Assert.Null(new JsonBodyRewriter(new JsonObject { ["k"] = 1 }, s_noRenames).TryRewrite(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void TryRewrite_ControlCharacterInString_ReturnsNull() =>
        Assert.Null(new JsonBodyRewriter(new JsonObject { ["k"] = 1 }, s_noRenames).TryRewrite("{\"a\":\"x\ty\"}"u8));

    [Fact]
    public void TryRewrite_NestedNearReaderDepthLimit_ReturnsNull()
    {
        // Utf8JsonReader and the JsonNode writer stop at depth 64; a body that deep is left to the JsonNode path.
        var deep = "{\"a\":" + new string('[', 64) + new string(']', 64) + "}";

        Assert.Null(new JsonBodyRewriter(new JsonObject { ["k"] = 1 }, s_noRenames).TryRewrite(Encoding.UTF8.GetBytes(deep)));
    }

    [Fact]
    public void TryRewrite_EveryJsonForm_Accepted()
    {
        const string Values = """{"s":"a\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00","n":[0,-0,1.5,-2e10,3E+2,4e-2,10],"l":[true,false,null],"o":{"":{},"x":[]}, "e" : [ ] }""";

        var sent = Rewrite(" \r\n\t" + Values + " \n", new JsonObject { ["k"] = 1 }, s_noRenames);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Values.TrimEnd()[..^1] + ",\"k\":1}"), JsonNode.Parse(sent)));
    }

    [Fact]
    public void TryRewrite_ChainedRenames_ReturnsNull()
    {
        // The JsonNode path applies a -> b, b -> c one after the other, so the outcome depends on their order.
        var renames = new Dictionary<string, string> { ["a"] = "b", ["b"] = "c" };

        Assert.Null(new JsonBodyRewriter(null, renames).TryRewrite("""{"a":1}"""u8));
    }

    [Fact]
    public void TryRewrite_ByteOrderMark_ReturnsNull() =>
        Assert.Null(new JsonBodyRewriter(null, s_maxTokens).TryRewrite([0xEF, 0xBB, 0xBF, .. """{"max_completion_tokens":1}"""u8]));

    [Fact]
    public void TryRewrite_InvalidUtf8_ReturnsNull() =>
        Assert.Null(new JsonBodyRewriter(null, s_maxTokens).TryRewrite([.. "{\"model\":\""u8, 0xFF, .. "\",\"max_completion_tokens\":1}"u8]));

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_PatchedBody_SameContentTypeAsJsonNodePath()
    {
        var patch = new JsonObject { ["prompt_cache_key"] = "k" };
        var fast = await SendThroughHandlerAsync("""{"max_completion_tokens":5}""", patch, s_maxTokens, transform: null);
        var jsonNode = await SendThroughHandlerAsync("""{"max_completion_tokens":5}""", patch, s_maxTokens, transform: static _ => { });

        Assert.Equal("application/json; charset=utf-8", fast.ContentType);
        Assert.Equal(jsonNode.ContentType, fast.ContentType);
        Assert.Equal(jsonNode.Body.Length, fast.Body.Length);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(jsonNode.Body), JsonNode.Parse(fast.Body)));
        Assert.Equal("""{"max_tokens":5,"prompt_cache_key":"k"}""", Encoding.UTF8.GetString(fast.Body));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_LargeBodyReadInSmallChunks_SentWhole()
    {
        // 200 KB arriving 1 000 bytes at a time: the pooled buffer the body is read into grows several times.
        var answer = string.Concat(Enumerable.Range(0, 8_000).Select(i => $"line {i:D5} \"é\"\n"));
        var json = new JsonObject { ["max_completion_tokens"] = 5, ["messages"] = new JsonArray(new JsonObject { ["content"] = answer }) }.ToJsonString();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)), bufferSize: 1_000);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var sent = await SendThroughHandlerAsync(content, null, s_maxTokens, transform: null);

        Assert.True(json.Length > 200_000);
        Assert.Equal(json.Replace("\"max_completion_tokens\"", "\"max_tokens\""), Encoding.UTF8.GetString(sent.Body));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_Transform_AppliedAfterPatch()
    {
        var sent = await SendThroughHandlerAsync("""{"max_completion_tokens":5}""", new JsonObject { ["k"] = 1 }, s_maxTokens,
            transform: body => body["seen"] = body.Select(p => p.Key).Aggregate((a, b) => a + "," + b));

        Assert.Equal("""{"max_tokens":5,"k":1,"seen":"max_tokens,k"}""", Encoding.UTF8.GetString(sent.Body));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_NestedMergeAndToolsAndRenameCollision_JsonNodePathResult()
    {
        var patch = new JsonObject { ["reasoning"] = new JsonObject { ["effort"] = "high" }, ["tools"] = new JsonArray(new JsonObject { ["type"] = "web_search" }) };

        var sent = await SendThroughHandlerAsync("""{"max_completion_tokens":1,"max_tokens":2,"reasoning":{"summary":"auto"},"tools":[{"type":"function"}]}""", patch, s_maxTokens, transform: null);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"max_tokens":1,"reasoning":{"summary":"auto","effort":"high"},"tools":[{"type":"function"},{"type":"web_search"}]}"""),
            JsonNode.Parse(sent.Body)));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_DuplicateKeys_FailsAsJsonNodePathDoes()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            SendThroughHandlerAsync("""{"max_completion_tokens":1,"max_completion_tokens":2}""", null, s_maxTokens, transform: null));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_InvalidJson_FailsAsJsonNodePathDoes()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() =>
            SendThroughHandlerAsync("""{"max_completion_tokens":1,}""", null, s_maxTokens, transform: null));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task SendAsync_Utf16Charset_DecodedByJsonNodePath()
    {
        using var content = new ByteArrayContent(Encoding.Unicode.GetBytes("""{"max_completion_tokens":5}"""));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        var sent = await SendThroughHandlerAsync(content, null, s_maxTokens, transform: null);

        Assert.Equal("""{"max_tokens":5}""", Encoding.UTF8.GetString(sent.Body));
    }

    private static string Rewrite(string body, JsonObject? patch, Dictionary<string, string> renames)
    {
        var content = new JsonBodyRewriter(patch, renames).TryRewrite(Encoding.UTF8.GetBytes(body));
        Assert.NotNull(content);
        using var reader = new StreamReader(content.ReadAsStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static Task<SentBody> SendThroughHandlerAsync(string body, JsonObject? patch, Dictionary<string, string> renames, Action<JsonObject>? transform) =>
        SendThroughHandlerAsync(new StringContent(body, Encoding.UTF8, "application/json"), patch, renames, transform);

    private static async Task<SentBody> SendThroughHandlerAsync(HttpContent content, JsonObject? patch, Dictionary<string, string> renames, Action<JsonObject>? transform)
    {
        var inner = new RecordingHandler();
        using var client = new HttpClient(new ProviderHttpHandler(inner, patch, renames, new Dictionary<string, string>(), moveBearerToApiKeyHeader: false) { Transform = transform });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/v1/chat/completions") { Content = content };
        using var response = await client.SendAsync(request);
        return inner.Sent!;
    }

    private sealed record SentBody(string? ContentType, byte[] Body);

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public SentBody? Sent { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent = new SentBody(request.Content!.Headers.ContentType?.ToString(), await request.Content.ReadAsByteArrayAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
