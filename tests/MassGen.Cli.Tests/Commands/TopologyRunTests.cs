using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class TopologyRunTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Islands_PrintsALinePerRoundAndGroupAndTheWinningPathAndLogsTheGroupEvents()
    {
        AgentDefinition[] agents = [.. Enumerable.Range(0, 6).Select(i => new AgentDefinition($"a{i}", new PolicyAgent(i == 4 ? "RIGHT: 4" : $"wrong: {i}", seed: i)))];
        var options = new OrchestratorOptions { Topology = TeamTopology.Islands, GroupSize = 3, Seed = 11 };
        using var test = new TestHost((_, _, request, cancellationToken) => new Orchestrator(agents, options, new FakeTimeProvider()).RunAsync(request, cancellationToken));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--display", "simple", "What is 2 + 2?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        var lines = test.Console.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("Round 1: 2 group(s) of 6 agents", lines);
        Assert.Contains("Round 2: 1 group(s) of 2 agents, the last", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("Group ", StringComparison.Ordinal) && l.Contains(" winner: ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("Winning path (islands, groups of 3): 1.", StringComparison.Ordinal) && l.EndsWith(" → 2.1 (a4)", StringComparison.Ordinal));
        Assert.Equal("RIGHT: 4", lines.Last(l => l.Length > 0));

        var run = Assert.Single(Directory.GetDirectories(test.LogsRoot));
        var events = File.ReadAllLines(Path.Combine(run, "events.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, events.Count(e => e["type"]!.GetValue<string>() == "group_formed"));
        Assert.Equal(2, events.Count(e => e["type"]!.GetValue<string>() == "round_started"));
        Assert.All(events.Where(e => e["type"]!.GetValue<string>() == "answer_accepted"), e => Assert.NotNull(e["group"]));
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "result.json")))!;
        Assert.Equal("2.1", result["topology"]!["winning_path"]!.AsArray()[^1]!.GetValue<string>());
    }
}
