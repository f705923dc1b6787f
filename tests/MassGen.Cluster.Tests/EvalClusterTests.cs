using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Evaluation.Eval;
using MassGen.Testing;
using MassGen.Testing.Evaluation;

namespace MassGen.Cluster.Tests;

/// <summary>
/// An eval whose model calls go through the eval job grain to call grains on the three silos: the calls spread over
/// the silos, and the report and the items are those of the same eval run in one process, also when a silo leaves
/// with calls under way (they are made again elsewhere).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class EvalClusterTests(ClusterFixture fixture) : IDisposable
{
    private const int Timeout = TestTimeouts.Cluster;
    private const int Items = 10;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("massgen-eval-cluster-");

    [RedisFact(Timeout = Timeout)]
    public async Task ClusterEval_SpreadsItsCallsOverTheSilos_AndReportsExactlyWhatTheLocalEvalReports()
    {
        var local = await new EvalRunner(EvalTestEngine.NewTeam(), Options("local")).RunAsync();
        var job = NewJob();
        var clustered = await new EvalRunner(EvalTestEngine.NewTeam(), Options("cluster")) { RemoteCalls = job.SendAsync }.RunAsync();

        Assert.True(local.Complete);
        Assert.True(clustered.Complete);
        Assert.True(job.CallsPerSilo.Count > 1, $"every call ran on one silo: {string.Join(", ", job.CallsPerSilo)}");
        // singles (2), council (1) and team (1) per item and seed, and 2 self-consistency samples.
        Assert.Equal(Items * 2 * 6, job.CallsPerSilo.Values.Sum());
        AssertSameEval("local", "cluster");
    }

    [RedisFact(Timeout = Timeout)]
    public async Task SiloStoppedMidEval_ItsCallsAreMadeAgainElsewhere_AndTheReportIsStillTheLocalOne()
    {
        string[] arms = ["single", "vote", "team"];
        await new EvalRunner(EvalTestEngine.NewTeam(), Options("local", arms)).RunAsync();

        // Four items in flight, each with its two members and the team called at once: twelve calls held.
        var gate = new ScriptedEngine.Gate(4 * 3);
        EvalTestEngine.Gate = gate;
        Task<EvalOutcome> eval;
        var job = NewJob();
        try
        {
            eval = new EvalRunner(EvalTestEngine.NewTeam(), Options("cluster", arms)) { RemoteCalls = job.SendAsync }.RunAsync();
            await gate.AllArrived.WaitAsync(TimeSpan.FromMilliseconds(TestTimeouts.Process));
            var victim = fixture.Cluster.SecondarySilos.OrderByDescending(s => EvalTestEngine.Of(s.SiloAddress.ToString())?.Held ?? 0).First();
            Assert.True(EvalTestEngine.Of(victim.SiloAddress.ToString())?.Held > 0, "no secondary silo holds a call");
            await fixture.Cluster.StopSiloAsync(victim);
        }
        finally
        {
            EvalTestEngine.Gate = null;
            gate.Open();
        }

        var outcome = await eval;
        await fixture.Cluster.StartAdditionalSiloAsync();

        Assert.True(outcome.Complete);
        Assert.True(job.Redone > 0, "no call was made again");
        AssertSameEval("local", "cluster", arms: ["single:a", "single:b", "vote", "team"]);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private ClusterEvalJob NewJob() => new(fixture.Cluster.Client, ClusterEvalJob.NewJobId(TimeProvider.System), EvalTestEngine.Team, TimeProvider.System);

    private EvalOptions Options(string output, string[]? arms = null)
    {
        var input = Path.Combine(_folder.FullName, "items.jsonl");
        if (!File.Exists(input))
        {
            File.WriteAllLines(input, Enumerable.Range(0, Items).Select(i =>
                JsonSerializer.Serialize(new { question = $"Item {i}: what is {i} plus one?", answer = $"#### {i + 1}" })));
        }

        return new EvalOptions
        {
            Benchmark = "gsm8k",
            InputPath = input,
            OutputDirectory = Path.Combine(_folder.FullName, output),
            Arms = arms ?? ["single", "vote", "council", "team", "self-consistency"],
            Seeds = 2,
            SelfConsistencyK = 2,
            Concurrency = 4,
            BootstrapResamples = 500,
        };
    }

    /// <summary>The same report and the same records unit for unit (<see cref="ComparableEval"/>).</summary>
    private void AssertSameEval(string expected, string actual, string[]? arms = null)
    {
        // Units first: a difference there names the arm, item and seed, where the report only shows a different count.
        var expectedUnits = ComparableEval.Units(Path.Combine(_folder.FullName, expected));
        var actualUnits = ComparableEval.Units(Path.Combine(_folder.FullName, actual));
        Assert.True(expectedUnits.SequenceEqual(actualUnits), string.Join(Environment.NewLine, expectedUnits.Zip(actualUnits).Where(p => p.First != p.Second).Select(p => $"{expected}: {p.First}{Environment.NewLine}{actual}: {p.Second}")));
        Assert.Equal(ComparableEval.Report(Path.Combine(_folder.FullName, expected)), ComparableEval.Report(Path.Combine(_folder.FullName, actual)));
        if (arms is not null)
        {
            Assert.Equal(arms.Order(StringComparer.Ordinal), expectedUnits.Select(u => JsonNode.Parse(u)!["arm"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
        }
    }
}
