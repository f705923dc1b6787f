using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using MassGen.Providers;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;
using OpenAI;

// Provider pipeline benchmarks against the fake server on loopback:
//  1. per-chunk overhead of our pipeline (resilience, idle timer, cost accounting, error translation, HTTP handler)
//     over the raw OpenAI SDK IChatClient on the same 10,000-chunk Chat Completions stream;
//  2. managed memory held per open stream with 50 concurrent streams, and bytes allocated per streamed chunk;
//  3. the native Gemini client over reading its raw SSE stream (GeminiBenchmark; alone with: -- gemini).
// "body-patch" runs BenchmarkDotNet on the request-body patch instead (BodyPatchBenchmarks).
if (args is ["body-patch", ..])
{
    BenchmarkRunner.Run<MassGen.Providers.Benchmarks.BodyPatchBenchmarks>(args: args[1..]);
    return;
}

const int Chunks = 10_000;
const int Rounds = 15;
const int Concurrent = 50;

await using var server = await FakeProviderServer.StartAsync();
using var geminiHandler = new SocketsHttpHandler();
if (args.Contains("gemini"))
{
    // Only the native Gemini client (run with: -- gemini).
    await MassGen.Providers.Benchmarks.GeminiBenchmark.RunAsync(server, geminiHandler);
    return;
}

var chunks = Enumerable.Range(0, Chunks).Select(i => $"t{i % 10} ").ToArray();

using var sharedHandler = new SocketsHttpHandler();
var raw = new OpenAIClient(new ApiKeyCredential("EMPTY"), new OpenAIClientOptions
{
    Endpoint = server.OpenAIBaseUrl,
    Transport = new HttpClientPipelineTransport(new HttpClient(sharedHandler, disposeHandler: false)),
    RetryPolicy = new ClientRetryPolicy(0),
}).GetChatClient("bench-model").AsIChatClient();
using var ours = ProviderFactory.Create("bench", new BackendSettings("chatcompletion") { Model = "bench-model", BaseUrl = server.OpenAIBaseUrl, Price = new ModelPrice(1, 2) },
    new ProviderContext { HttpHandler = sharedHandler });

async Task<(double Milliseconds, int Updates)> StreamOnceAsync(IChatClient client)
{
    server.Enqueue(FakeTurn.Text(chunks).WithUsage(100, Chunks));
    var watch = Stopwatch.StartNew();
    var updates = 0;
    await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { ModelId = "bench-model" }))
    {
        updates++;
    }

    return (watch.Elapsed.TotalMilliseconds, updates);
}

// Warm up both paths (JIT, connection pool), then alternate rounds so drift hits both alike.
for (var i = 0; i < 3; i++)
{
    await StreamOnceAsync(raw);
    await StreamOnceAsync(ours.ChatClient);
}

var rawTimes = new List<double>();
var ourTimes = new List<double>();
var updatesPerStream = 0;
for (var round = 0; round < Rounds; round++)
{
    rawTimes.Add((await StreamOnceAsync(raw)).Milliseconds);
    var (ms, updates) = await StreamOnceAsync(ours.ChatClient);
    ourTimes.Add(ms);
    updatesPerStream = updates;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
var rawPerChunk = Median(rawTimes) * 1000 / Chunks;
var ourPerChunk = Median(ourTimes) * 1000 / Chunks;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream of {Chunks} chunks ({updatesPerStream} updates), median of {Rounds} rounds"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw SDK IChatClient : {Median(rawTimes),8:F1} ms  = {rawPerChunk,6:F2} µs/chunk"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  MassGen pipeline    : {Median(ourTimes),8:F1} ms  = {ourPerChunk,6:F2} µs/chunk"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overhead            : {ourPerChunk - rawPerChunk,6:F2} µs/chunk ({(ourPerChunk / rawPerChunk - 1) * 100:F1} %)"));

// Allocation per chunk, measured on this thread's allocations only while one stream is drained.
async Task<double> AllocatedPerChunkAsync(IChatClient client)
{
    server.Enqueue(FakeTurn.Text(chunks));
    var before = GC.GetTotalAllocatedBytes(precise: true);
    await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { ModelId = "bench-model" }))
    {
    }

    return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Chunks;
}

var rawAlloc = await AllocatedPerChunkAsync(raw);
var ourAlloc = await AllocatedPerChunkAsync(ours.ChatClient);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated per chunk (whole process): raw {rawAlloc:F0} B, pipeline {ourAlloc:F0} B, overhead {ourAlloc - rawAlloc:F0} B"));

// Memory held per open stream: 50 streams each read their first chunk and then wait on a stalled server.
async Task<double> HeldPerStreamAsync(IChatClient client)
{
    var turns = Enumerable.Range(0, Concurrent).Select(_ => server.Enqueue(FakeTurn.Text("first ", "second").StallAfter(2))).ToList();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    using var stop = new CancellationTokenSource();
    var enumerators = new List<IAsyncEnumerator<ChatResponseUpdate>>();
    for (var i = 0; i < Concurrent; i++)
    {
        enumerators.Add(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { ModelId = "bench-model" }, stop.Token).GetAsyncEnumerator(stop.Token));
    }

    await Task.WhenAll(enumerators.Select(e => e.MoveNextAsync().AsTask()));
    await Task.WhenAll(turns.Select(t => t.Stalled));
    var pending = enumerators.Select(e => e.MoveNextAsync().AsTask()).ToList();
    var during = GC.GetTotalMemory(forceFullCollection: true);
    await stop.CancelAsync();
    foreach (var task in pending)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    foreach (var enumerator in enumerators)
    {
        await enumerator.DisposeAsync();
    }

    return (during - before) / (double)Concurrent;
}

await HeldPerStreamAsync(ours.ChatClient);
var rawHeld = await HeldPerStreamAsync(raw);
var ourHeld = await HeldPerStreamAsync(ours.ChatClient);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Concurrent} concurrent open streams: raw {rawHeld / 1024:F1} KiB/stream, pipeline {ourHeld / 1024:F1} KiB/stream, overhead {(ourHeld - rawHeld) / 1024:F1} KiB/stream"));

// The openai type on the Responses API, as a reasoning model answers: an encrypted reasoning item and then the text.
// The pipeline also keeps each finished reasoning item for the next call of the turn and sets the per-turn settings.
#pragma warning disable OPENAI001 // The SDK marks its Responses client experimental.
var rawResponses = new OpenAIClient(new ApiKeyCredential("EMPTY"), new OpenAIClientOptions
{
    Endpoint = server.OpenAIBaseUrl,
    Transport = new HttpClientPipelineTransport(new HttpClient(sharedHandler, disposeHandler: false)),
    RetryPolicy = new ClientRetryPolicy(0),
}).GetResponsesClient().AsIChatClient("gpt-5-mini");
#pragma warning restore OPENAI001
using var ourResponses = ProviderFactory.Create("bench-responses", new BackendSettings("openai") { Model = "gpt-5-mini", ApiKey = "EMPTY", BaseUrl = server.OpenAIBaseUrl },
    new ProviderContext { HttpHandler = sharedHandler });

async Task<double> ResponsesStreamOnceAsync(IChatClient client)
{
    server.Enqueue(new FakeTurn().WithEncryptedReasoning(new string('e', 4096), "Think.").WithText(chunks).WithUsage(100, Chunks, reasoningTokens: 50));
    var watch = Stopwatch.StartNew();
    await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { ModelId = "gpt-5-mini" }))
    {
    }

    return watch.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < 3; i++)
{
    await ResponsesStreamOnceAsync(rawResponses);
    await ResponsesStreamOnceAsync(ourResponses.ChatClient);
}

var rawResponseTimes = new List<double>();
var ourResponseTimes = new List<double>();
for (var round = 0; round < Rounds; round++)
{
    rawResponseTimes.Add(await ResponsesStreamOnceAsync(rawResponses));
    ourResponseTimes.Add(await ResponsesStreamOnceAsync(ourResponses.ChatClient));
}

var rawResponsesPerChunk = Median(rawResponseTimes) * 1000 / Chunks;
var ourResponsesPerChunk = Median(ourResponseTimes) * 1000 / Chunks;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Responses stream, reasoning item + {Chunks} chunks, median of {Rounds} rounds"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw SDK IChatClient : {Median(rawResponseTimes),8:F1} ms  = {rawResponsesPerChunk,6:F2} µs/chunk"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  MassGen pipeline    : {Median(ourResponseTimes),8:F1} ms  = {ourResponsesPerChunk,6:F2} µs/chunk"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overhead            : {ourResponsesPerChunk - rawResponsesPerChunk,6:F2} µs/chunk ({(ourResponsesPerChunk / rawResponsesPerChunk - 1) * 100:F1} %)"));

await MassGen.Providers.Benchmarks.GeminiBenchmark.RunAsync(server, geminiHandler);
