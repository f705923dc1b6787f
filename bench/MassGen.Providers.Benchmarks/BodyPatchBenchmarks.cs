using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MassGen.Providers.Internal;

namespace MassGen.Providers.Benchmarks;

/// <summary>
/// The request-body patch under every provider SDK on a vote request of a 50-agent run (about 25 KB: a system message,
/// a user message holding 50 answers of about 500 characters, the two coordination tools): the JsonNode path against
/// the single forward pass. "compatible" is a server that is not OpenAI's (max_completion_tokens renamed),
/// "openai" adds the agent's prompt_cache_key.
/// </summary>
// In-process: generating and building a separate benchmark project is too slow on a shared 2-core machine.
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class BodyPatchBenchmarks
{
    private const int Answers = 50;

    // Answer text as models write it: mostly plain prose, some line breaks, quotes and non-ASCII letters to escape.
    private static readonly string[] s_sentences =
    [
        "The answer is 42, because the question asks for the \"ultimate\" value and nothing smaller will do. ",
        "Prices rose by 3 percent in 2024 across every region we looked at; see the table below.\n",
        "A short example makes the point: print(value) gives the expected result on the first try. ",
        "Another agent's view differs: it cites a later study with a larger sample and a café survey. ",
        "We checked the figures twice and they hold, so no further change is needed in this section.\n",
    ];

    private byte[] _body = null!;
    private JsonObject? _patch;
    private Dictionary<string, string> _renames = null!;
    private ProviderHttpHandler _handler = null!;

    [Params("compatible", "openai")]
    public string Server { get; set; } = "compatible";

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(VoteRequest().ToJsonString());
        _patch = Server == "openai" ? new JsonObject { ["prompt_cache_key"] = "massgen-agent_17" } : null;
        _renames = Server == "openai" ? [] : new Dictionary<string, string> { ["max_completion_tokens"] = "max_tokens" };
        _handler = new ProviderHttpHandler(new HttpClientHandler(), _patch, _renames, new Dictionary<string, string>(), moveBearerToApiKeyHeader: false);
        Console.WriteLine($"// body {_body.Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _handler.Dispose();

    [Benchmark(Baseline = true)]
    public Task<HttpContent> JsonNodePath() => ProviderHttpHandler.PatchWithJsonNodeAsync(SdkContent(), _patch, _renames, null, CancellationToken.None);

    [Benchmark]
    public Task<HttpContent> ForwardPass() => _handler.PatchAsync(SdkContent(), CancellationToken.None);

    // A fresh content each time, as every request brings its own.
    private ByteArrayContent SdkContent()
    {
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonObject VoteRequest()
    {
        var user = new StringBuilder("Original question: which design should we ship?\n\nAnswers so far:\n");
        for (var agent = 1; agent <= Answers; agent++)
        {
            user.Append("<agent").Append(agent).Append(">\n");
            var start = user.Length;
            for (var i = agent; user.Length - start < 500; i++)
            {
                user.Append(s_sentences[i % s_sentences.Length]);
            }

            user.Append("\n</agent").Append(agent).Append(">\n");
        }

        return new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = string.Concat(Enumerable.Repeat("You are one of several agents. Vote for the best answer or give a new one. ", 12)) },
                new JsonObject { ["role"] = "user", ["content"] = user.ToString() }),
            ["model"] = "qwen3-30b-a3b",
            ["max_completion_tokens"] = 4096,
            ["temperature"] = 0.7,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["tools"] = new JsonArray(
                Tool("new_answer", "Give a new or improved answer.", new JsonObject { ["content"] = new JsonObject { ["type"] = "string" } }, "content"),
                Tool("vote", "Vote for the best answer so far.", new JsonObject { ["agent_id"] = new JsonObject { ["type"] = "string" }, ["reason"] = new JsonObject { ["type"] = "string" } }, "agent_id", "reason")),
            ["tool_choice"] = "auto",
        };
    }

    private static JsonObject Tool(string name, string description, JsonObject properties, params string[] required) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["parameters"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
                ["additionalProperties"] = false,
            },
        },
    };
}

/// <summary>One in-process job with few iterations.</summary>
internal sealed class InProcessShortConfig : ManualConfig
{
    public InProcessShortConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
}
