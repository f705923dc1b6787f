using System.Diagnostics;
using System.Globalization;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing.Scripting;

namespace MassGen.Benchmarks;

/// <summary>
/// Team topologies at scale, with policy agents (<see cref="PolicyAgent"/>): the cost of one question (characters and
/// input tokens sent to the models, model calls, wall time with a fixed model latency) and how often the right answer,
/// planted in one or two agents, comes out as the final answer.
/// </summary>
internal static class TopologyHarness
{
    private static readonly int[] s_sizes = [5, 10, 25, 50];
    private static readonly (string Name, TeamTopology Topology)[] s_shapes = [("all", TeamTopology.All), ("islands", TeamTopology.Islands), ("tournament", TeamTopology.Tournament)];
    private const int GroupSize = 4;
    private const int Trials = 40;
    private const double Recognition = 0.7;
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync()
    {
        Console.WriteLine($"cost of one question: group size {GroupSize}, answers of {s_body.Length + 60} chars, {s_latency.TotalMilliseconds:0} ms per model call, one right agent, median of 3 runs");
        Console.WriteLine("agents | topology   | input chars | input tokens | model calls | wall ms");
        foreach (var agents in s_sizes)
        {
            foreach (var (name, topology) in s_shapes)
            {
                var runs = new List<Cost>();
                for (var i = 0; i < 3; i++)
                {
                    runs.Add(await CostAsync(agents, topology, seed: i + 1).ConfigureAwait(false));
                }

                var m = runs.OrderBy(r => r.WallMs).ElementAt(1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{agents,6} | {name,-10} | {m.InputChars,11} | {m.InputTokens,12} | {m.Calls,11} | {m.WallMs,7:0}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"quality: share of {Trials} seeded questions whose final answer is the right one; agents recognise a right answer they see with p = {Recognition}, else vote at random");
        Console.WriteLine("agents | right agents | all  | islands | tournament");
        foreach (var agents in s_sizes)
        {
            foreach (var right in new[] { 1, 2 })
            {
                var shares = new List<double>();
                foreach (var (_, topology) in s_shapes)
                {
                    var found = 0;
                    for (var trial = 0; trial < Trials; trial++)
                    {
                        found += await FindsRightAsync(agents, right, topology, trial).ConfigureAwait(false) ? 1 : 0;
                    }

                    shares.Add((double)found / Trials);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{agents,6} | {right,12} | {shares[0],4:P0} | {shares[1],7:P0} | {shares[2],10:P0}"));
            }
        }
    }

    private static async Task<Cost> CostAsync(int agents, TeamTopology topology, int seed)
    {
        var team = Team(agents, [0], seed, s_latency);
        var watch = Stopwatch.StartNew();
        var result = await RunAsync(team, topology, seed).ConfigureAwait(false);
        watch.Stop();
        return new Cost(team.Sum(p => p.InputChars), result.TotalUsage.InputTokens, team.Sum(p => p.Calls), watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<bool> FindsRightAsync(int agents, int right, TeamTopology topology, int trial)
    {
        var picker = new Random(trial);
        var planted = Enumerable.Range(0, agents).OrderBy(_ => picker.Next()).Take(right).ToHashSet();
        var result = await RunAsync(Team(agents, planted, 1000 * (trial + 1), TimeSpan.Zero), topology, trial).ConfigureAwait(false);
        return result.FinalAnswer?.Contains("RIGHT", StringComparison.Ordinal) == true;
    }

    // Answers of about a thousand characters, the size of a short real answer: what every reader pays for.
    private static readonly string s_body = string.Concat(Enumerable.Repeat(" The working is shown step by step, with each step checked.", 16));

    private static List<PolicyAgent> Team(int agents, IReadOnlyCollection<int> right, int seed, TimeSpan latency) =>
        [.. Enumerable.Range(0, agents).Select(i => new PolicyAgent(
            (right.Contains(i) ? "RIGHT: the answer is 4, since 2 + 2 counts four units." : $"The answer is {5 + i}, by a slip in counting number {i}.") + s_body,
            seed + i,
            latency) { Recognition = Recognition })];

    private static async Task<CoordinationResult> RunAsync(List<PolicyAgent> team, TeamTopology topology, int seed)
    {
        var options = new OrchestratorOptions { Topology = topology, GroupSize = GroupSize, Seed = seed };
        var orchestrator = new Orchestrator(team.Select((p, i) => new AgentDefinition($"a{i}", p)), options);
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("What is 2 + 2?")).ConfigureAwait(false))
        {
            if (coordinationEvent is RunFinished finished)
            {
                result = finished.Result;
            }
        }

        return result!;
    }

    private sealed record Cost(long InputChars, long InputTokens, int Calls, double WallMs);
}
