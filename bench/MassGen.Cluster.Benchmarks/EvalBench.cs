using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Evaluation.Eval;
using MassGen.Testing.Scripting;
using MassGen.Testing.Services;

namespace MassGen.Cluster.Benchmarks;

/// <summary>
/// <c>eval</c>: items per second of a whole eval (GSM8K-style items; arms single ×2, vote, council, team: four model
/// calls an item) with zero-latency models: in one process, through a one-node cluster (this process a silo and its
/// client, as <c>massgen eval --cluster</c> alone), and through three silos (the test host, this process their client).
/// </summary>
internal static class EvalBench
{
    public const string Team = "bench-eval";

    public static async Task RunAsync(int items, int concurrency)
    {
        Console.WriteLine($"eval benchmarks: {items} items x 5 arms (4 model calls an item), concurrency {concurrency}, {Environment.ProcessorCount} cores");
        var folder = Directory.CreateTempSubdirectory("massgen-eval-cluster-bench-").FullName;
        try
        {
            var input = Path.Combine(folder, "items.jsonl");
            await File.WriteAllLinesAsync(input, Enumerable.Range(0, items).Select(i =>
                JsonSerializer.Serialize(new { question = $"Item {i}: what is {i} plus one?", answer = $"#### {i + 1}" })));
            var run = 0;
            async Task<double> Eval(EvalCallSender? remote)
            {
                var options = new EvalOptions
                {
                    Benchmark = "gsm8k",
                    InputPath = input,
                    OutputDirectory = Path.Combine(folder, $"out{run++}"),
                    Arms = ["single", "vote", "council", "team"],
                    Concurrency = concurrency,
                    BootstrapResamples = 1000,
                };
                var watch = Stopwatch.StartNew();
                var outcome = await new EvalRunner(NewTeam(), options) { RemoteCalls = remote }.RunAsync();
                watch.Stop();
                return outcome.Complete ? items / watch.Elapsed.TotalSeconds : throw new InvalidOperationException("The eval did not complete.");
            }

            await Eval(null);
            Console.WriteLine($"one process:        {await Eval(null),8:0.0} items/s");

            var redis = await TestRedis.AddressAsync();
            await using (var node = await ClusterNode.StartAsync(redis, "bench-" + Guid.NewGuid().ToString("N"), IPAddress.Loopback, BenchEngine.Instance, new EvalEngine(), null, CancellationToken.None))
            {
                var job = new ClusterEvalJob(node.Grains, ClusterEvalJob.NewJobId(TimeProvider.System), Team, TimeProvider.System);
                await Eval(job.SendAsync);
                Console.WriteLine($"one-node cluster:   {await Eval(job.SendAsync),8:0.0} items/s");
            }

            await using var cluster = await BenchCluster.StartAsync(redis);
            var threeSilos = new ClusterEvalJob(cluster.Client, ClusterEvalJob.NewJobId(TimeProvider.System), Team, TimeProvider.System);
            await Eval(threeSilos.SendAsync);
            Console.WriteLine($"three-silo cluster: {await Eval(threeSilos.SendAsync),8:0.0} items/s ({string.Join(", ", threeSilos.CallsPerSilo.Values)} calls per silo)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The team of every node and of the local eval: two zero-latency members.</summary>
    public static EvalTeam NewTeam() =>
        new([new AgentDefinition("a", new ItemAnswerModel("a", 0)), new AgentDefinition("b", new ItemAnswerModel("b", 1))], new OrchestratorOptions());

    /// <summary>A silo's eval calls, with its own copy of the team.</summary>
    internal sealed class EvalEngine : IEvalCallEngine
    {
        private readonly EvalTeam _team = NewTeam();

        public Task<string> RunAsync(string team, string request, CancellationToken cancellationToken) =>
            EvalCallHost.RunAsync(_team, request, TimeProvider.System, cancellationToken);
    }
}
