using System.Diagnostics;
using System.Globalization;
using System.Text;
using MassGen.Core.Coordination;
using MassGen.Core.Teams;
using MassGen.Server;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

// Usage: dotnet run -c Release --project bench/MassGen.Server.Benchmarks [-- RUNS [CONCURRENCY]]
// Each run is a fresh two-agent team of zero-latency scripted models (answer, answer, vote, vote, presentation), so
// what is measured is the coordination plus, for serve, HTTP, JSON and SSE.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
Console.WriteLine($"massgen serve benchmarks: {runs} runs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

Task? hold = null;
var team = new TeamChatClient("bench", (request, cancellationToken) =>
{
    var agents = ScriptedTeam.Create(2);
    var label = MassGen.Server.Benchmarks.Labels.First;
    var first = hold is { } barrier ? Script.Respond().WaitFor(barrier).NewAnswer("Four.") : Script.Answer("Four.");
    agents.Script(agents.Ids[0], first.Usage(10, 2), Script.VoteFor(label).Usage(10, 2), Script.Say("Two plus two is four.").Usage(10, 2));
    agents.Script(agents.Ids[1], Script.Answer("4").Usage(10, 2), Script.VoteFor(label).Usage(10, 2));
    return new TeamRun(Guid.NewGuid().ToString("N"), new Orchestrator(agents.Agents, new OrchestratorOptions { Seed = 1 }).RunAsync(request, cancellationToken));
});
ChatMessage[] question = [new(ChatRole.User, "What is 2 + 2?")];

// In-process: the team client alone.
for (var i = 0; i < 50; i++)
{
    await Drain(team.GetStreamingResponseAsync(question));
}

var inProcess = await Time(runs, async () => await Drain(team.GetStreamingResponseAsync(question)));

await using var server = await MassGenServer.StartAsync(new MassGenServerOptions
{
    Teams = new Dictionary<string, IChatClient> { ["bench"] = team },
    Port = 0,
    MaxConcurrentRuns = 256,
    RateLimitPerClient = 0,
});
using var http = new HttpClient { BaseAddress = server.OpenAIBaseUrl };
async Task<bool> Streamed()
{
    using var content = new StringContent("""{"model":"bench","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"What is 2 + 2?"}]}""", Encoding.UTF8, "application/json");
    using var response = await http.PostAsync("chat/completions", content);
    var body = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode && body.Contains("Two plus two is four.", StringComparison.Ordinal) && body.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal);
}

for (var i = 0; i < 50; i++)
{
    await Streamed();
}

var served = await Time(runs, async () => await Streamed());
Console.WriteLine($"latency per run, sequential: in-process {inProcess.TotalMilliseconds / runs:0.000} ms, serve (streamed) {served.TotalMilliseconds / runs:0.000} ms, added {(served - inProcess).TotalMilliseconds / runs:0.000} ms");

// Throughput: CONCURRENCY clients in a loop.
var failures = 0;
var watch = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) =>
{
    if (!await Streamed())
    {
        Interlocked.Increment(ref failures);
    }
});
Console.WriteLine($"throughput, {concurrency} concurrent clients: {runs / watch.Elapsed.TotalSeconds:0} requests/s ({failures} failed)");

// 50 streamed runs live at once: each waits in its first model call until all 50 have started; memory is measured then.
const int Live = 50;
var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
hold = release.Task;
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var liveRuns = Enumerable.Range(0, Live).Select(_ => Task.Run(Streamed)).ToList();
while (true)
{
    var listed = await http.GetStringAsync("runs");
    if (System.Text.Json.Nodes.JsonNode.Parse(listed)!["data"]!.AsArray().Count == Live)
    {
        break;
    }

    await Task.Delay(20);
}

var during = GC.GetTotalMemory(forceFullCollection: true);
watch.Restart();
release.SetResult();
var results = await Task.WhenAll(liveRuns);
Console.WriteLine($"{Live} concurrent streamed runs: {results.Count(ok => !ok)} errors, all finished {watch.ElapsedMilliseconds} ms after release; managed memory per live run {(during - before) / Live / 1024.0:0.0} KiB");
return 0;

static async Task Drain(IAsyncEnumerable<ChatResponseUpdate> updates)
{
    await foreach (var _ in updates)
    {
    }
}

static async Task<TimeSpan> Time(int count, Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        await action();
    }

    return watch.Elapsed;
}
