using System.Diagnostics;
using System.Runtime.CompilerServices;
using MassGen.Cli.Recording;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Benchmarks;

/// <summary>
/// Recording overhead per call and per streamed chunk (an in-memory model, so only the recorder is measured), and
/// replay speed in calls per second of a 50-agent recording played as fast as possible.
/// </summary>
internal static class RecordingBenchmark
{
    public static async Task RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("massgen-recording-bench-").FullName;
        try
        {
            const int calls = 2000;
            var plain1 = await TimeCallsAsync(new InstantModel(1), calls, null);
            var plain100 = await TimeCallsAsync(new InstantModel(100), calls / 10, null);
            var recorded1 = await TimeCallsAsync(new InstantModel(1), calls, Path.Combine(folder, "one.jsonl"));
            var recorded100 = await TimeCallsAsync(new InstantModel(100), calls / 10, Path.Combine(folder, "hundred.jsonl"));
            var perCall = recorded1 - plain1;
            var perChunk = (recorded100 - plain100 - perCall) / 99;
            Console.WriteLine($"recording overhead per call (1 chunk):   {perCall.TotalMicroseconds,8:0.0} µs");
            Console.WriteLine($"recording overhead per streamed chunk:    {perChunk.TotalMicroseconds,8:0.0} µs");

            var path = Path.Combine(folder, "fifty.jsonl");
            var recordedCalls = await RecordTeamAsync(path, agents: 50, callsEach: 6, chunks: 20);
            var recording = RunRecording.Load(path);
            var watch = Stopwatch.StartNew();
            var session = new ReplaySession(recording, TimeProvider.System, speed: null, stallLimit: TimeSpan.FromSeconds(2));
            await Task.WhenAll(Enumerable.Range(0, 50).Select(a => Task.Run(() => PlayAgentAsync(session, a, 6))));
            watch.Stop();
            Console.WriteLine($"replay of a 50-agent recording ({recordedCalls} calls, 20 chunks each, {new FileInfo(path).Length / 1024} KiB): " +
                $"{recordedCalls / watch.Elapsed.TotalSeconds:0} calls/s ({watch.ElapsedMilliseconds} ms)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeCallsAsync(IChatClient model, int calls, string? recordingPath)
    {
        await using var writer = recordingPath is null ? null : new RecordingWriter(recordingPath, new HashSet<string>(), TimeProvider.System);
        using var client = writer is null ? model : new ExchangeRecorderChatClient(model, "agent", writer);
        var messages = Messages(0);
        for (var i = 0; i < 50; i++)
        {
            await DrainAsync(client, messages);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await DrainAsync(client, messages);
        }

        return watch.Elapsed / calls;
    }

    private static async Task<int> RecordTeamAsync(string path, int agents, int callsEach, int chunks)
    {
        await using var writer = new RecordingWriter(path, new HashSet<string>(), TimeProvider.System);
        writer.Append(new System.Text.Json.Nodes.JsonObject { ["kind"] = "header", ["version"] = RecordingJson.Version, ["question"] = "q" });
        await Task.WhenAll(Enumerable.Range(0, agents).Select(a => Task.Run(async () =>
        {
            using var client = new ExchangeRecorderChatClient(new InstantModel(chunks), $"agent-{a}", writer);
            for (var c = 0; c < callsEach; c++)
            {
                await DrainAsync(client, Messages(c));
            }
        })));
        return agents * callsEach;
    }

    private static async Task PlayAgentAsync(ReplaySession session, int agent, int callsEach)
    {
        var client = session.ClientFor($"agent-{agent}");
        for (var c = 0; c < callsEach; c++)
        {
            await DrainAsync(client, Messages(c));
            session.Sequencer.NextRequest($"agent-{agent}");
        }
    }

    private static List<ChatMessage> Messages(int call) =>
        [new(ChatRole.System, "You are one agent of a team."), new(ChatRole.User, $"Question, call {call}: " + new string('x', 2000))];

    private static async Task DrainAsync(IChatClient client, List<ChatMessage> messages)
    {
        await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { ModelId = "m" }))
        {
            _ = update;
        }
    }

    /// <summary>A model that streams N short text chunks and a usage update at once.</summary>
    private sealed class InstantModel(int chunks) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            for (var i = 0; i < chunks; i++)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "some words ");
            }

            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 500, OutputTokenCount = chunks * 2 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
