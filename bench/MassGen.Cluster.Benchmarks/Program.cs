using System.Diagnostics;
using System.Globalization;
using MassGen.Cluster;
using MassGen.Cluster.Benchmarks;
using MassGen.Core.Teams;
using MassGen.Testing.Services;
using Microsoft.Extensions.AI;

// Usage: dotnet run -c Release --project bench/MassGen.Cluster.Benchmarks [-- RUNS [CONCURRENCY]]
//        dotnet run -c Release --project bench/MassGen.Cluster.Benchmarks -- eval [ITEMS [CONCURRENCY]]
// One process: the team client runs the coordination itself. Cluster: three silos in this process (the test host),
// membership, grain state and reminders in a private redis-server, each run a run grain on a random silo.
if (args.Length > 0 && args[0] == "eval")
{
    await EvalBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16);
    return;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
Console.WriteLine($"cluster benchmarks: {runs} runs, {concurrency} at once, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
ChatMessage[] question = [new(ChatRole.User, "What is 2 + 2?")];

var local = new TeamChatClient("bench", (request, cancellationToken) => BenchEngine.Run(Guid.NewGuid().ToString("N"), request, null, cancellationToken));
await Time(50, concurrency, () => Answer(local));
var inProcess = await Time(runs, concurrency, () => Answer(local));
Console.WriteLine($"one process:        {runs / inProcess.TotalSeconds,8:0.0} runs/s");

await using var cluster = await BenchCluster.StartAsync(await TestRedis.AddressAsync());
var clustered = ClusterTeams.Create(cluster.GrainFactory, "bench", () => Guid.NewGuid().ToString("N"), TimeProvider.System);
await Time(50, concurrency, () => Answer(clustered));
var threeSilos = await Time(runs, concurrency, () => Answer(clustered));
Console.WriteLine($"three-silo cluster: {runs / threeSilos.TotalSeconds,8:0.0} runs/s");

// A silo leaves with runs under way (held at their first model call): how long until the first of them has started
// again on another silo, its watcher driving it there, and until all 30 have their answer. Stopped: the silo leaves gracefully. Killed: it just vanishes,
// and the others must first find it dead (membership probes).
foreach (var kill in new[] { false, true })
{
    var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    BenchEngine.Instance.Hold = hold.Task;
    var startedBefore = BenchEngine.Instance.Started.Count;
    var held = Enumerable.Range(0, 30).Select(_ => clustered.GetResponseAsync(question)).ToList();
    while (BenchEngine.Instance.Started.Count < startedBefore + 30)
    {
        await Task.Delay(10);
    }

    var victim = cluster.SecondarySilos[0];
    var before = BenchEngine.Instance.Started.ToDictionary();
    var watch = Stopwatch.StartNew();
    if (kill)
    {
        await cluster.KillSiloAsync(victim);
    }
    else
    {
        await cluster.StopSiloAsync(victim);
    }

    var left = watch.Elapsed;
    // The runs that were on it are the ones started again.
    while (!held.All(t => t.IsCompleted) && !BenchEngine.Instance.Started.Any(p => p.Value > before.GetValueOrDefault(p.Key)))
    {
        await Task.Delay(10);
    }

    var firstBack = watch.Elapsed;
    BenchEngine.Instance.Hold = null;
    hold.SetResult();
    await Task.WhenAll(held);
    var allAnswered = watch.Elapsed;
    var moved = BenchEngine.Instance.Started.Count(p => p.Value > before.GetValueOrDefault(p.Key));
    Console.WriteLine($"silo {(kill ? "killed" : "stopped")}: left in {left.TotalSeconds:0.00} s, its first run taken up after {firstBack.TotalSeconds:0.00} s, {moved} runs moved, all 30 answered after {allAnswered.TotalSeconds:0.00} s");
    await cluster.StartAdditionalSiloAsync();
}

static async Task Answer(TeamChatClient team)
{
    var response = await team.GetResponseAsync([new ChatMessage(ChatRole.User, "What is 2 + 2?")]);
    if (response.Text != "Two plus two is four.")
    {
        throw new InvalidOperationException($"Wrong answer: {response.Text}");
    }
}

static async Task<TimeSpan> Time(int count, int concurrency, Func<Task> run)
{
    var next = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= count)
        {
            await run();
        }
    }));
    return watch.Elapsed;
}
