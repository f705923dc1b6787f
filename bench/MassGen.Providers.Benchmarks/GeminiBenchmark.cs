using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Benchmarks;

/// <summary>
/// The native Gemini client against reading the same SSE stream raw (HttpClient + SseParser, each event's data as a
/// string, no JSON): per-chunk overhead of parsing the contracts, mapping to chat updates and the provider pipeline,
/// bytes allocated per chunk, and memory held per open stream.
/// </summary>
internal static class GeminiBenchmark
{
    private const int Chunks = 10_000;
    private const int Rounds = 15;
    private const int Concurrent = 50;
    private const string Model = "gemini-bench";

    public static async Task RunAsync(FakeProviderServer server, HttpMessageHandler handler)
    {
        var chunks = Enumerable.Range(0, Chunks).Select(i => $"t{i % 10} ").ToArray();
        using var http = new HttpClient(handler, disposeHandler: false);
        var url = new Uri(server.GeminiBaseUrl + $"/models/{Model}:streamGenerateContent?alt=sse");
        using var ours = ProviderFactory.Create("bench", new BackendSettings("gemini") { Model = Model, ApiKey = "k", BaseUrl = server.GeminiBaseUrl, Price = new ModelPrice(1, 2) },
            new ProviderContext { HttpHandler = handler });

        async Task<int> RawAsync(CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"contents":[{"role":"user","parts":[{"text":"go"}]}]}""", Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var events = 0;
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                events += item.Data.Length > 0 ? 1 : 0;
            }

            return events;
        }

        async Task<int> OursAsync()
        {
            var updates = 0;
            await foreach (var _ in ours.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], ours.ChatOptions))
            {
                updates++;
            }

            return updates;
        }

        async Task<double> TimeAsync(Func<Task<int>> read)
        {
            server.Enqueue(Model, FakeTurn.Text(chunks).WithUsage(100, Chunks));
            var watch = Stopwatch.StartNew();
            await read();
            return watch.Elapsed.TotalMilliseconds;
        }

        for (var i = 0; i < 3; i++)
        {
            await TimeAsync(() => RawAsync());
            await TimeAsync(OursAsync);
        }

        var rawTimes = new List<double>();
        var ourTimes = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            rawTimes.Add(await TimeAsync(() => RawAsync()));
            ourTimes.Add(await TimeAsync(OursAsync));
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var rawPerChunk = Median(rawTimes) * 1000 / Chunks;
        var ourPerChunk = Median(ourTimes) * 1000 / Chunks;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gemini: stream of {Chunks} GenerateContentResponse chunks, median of {Rounds} rounds"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw SSE read (no JSON) : {Median(rawTimes),8:F1} ms  = {rawPerChunk,6:F2} µs/chunk"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Gemini client+pipeline : {Median(ourTimes),8:F1} ms  = {ourPerChunk,6:F2} µs/chunk"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overhead               : {ourPerChunk - rawPerChunk,6:F2} µs/chunk"));

        async Task<double> AllocatedPerChunkAsync(Func<Task<int>> read)
        {
            server.Enqueue(Model, FakeTurn.Text(chunks).WithUsage(100, Chunks));
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await read();
            return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Chunks;
        }

        var rawAlloc = await AllocatedPerChunkAsync(() => RawAsync());
        var ourAlloc = await AllocatedPerChunkAsync(OursAsync);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated per chunk (whole process): raw {rawAlloc:F0} B, client {ourAlloc:F0} B, overhead {ourAlloc - rawAlloc:F0} B"));

        // Memory held per open stream: each stream has its first chunk and waits on a stalled server.
        var turns = Enumerable.Range(0, Concurrent).Select(_ => server.Enqueue(Model, FakeTurn.Text("first ", "second ", "third").StallAfter(1))).ToList();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var stop = new CancellationTokenSource();
        var enumerators = Enumerable.Range(0, Concurrent)
            .Select(_ => ours.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], ours.ChatOptions, stop.Token).GetAsyncEnumerator(stop.Token)).ToList();
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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Concurrent} concurrent open Gemini streams: {(during - before) / Concurrent / 1024:F1} KiB/stream"));
    }
}
