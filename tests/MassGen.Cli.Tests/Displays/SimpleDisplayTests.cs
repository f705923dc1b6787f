using System.Threading.Channels;
using MassGen.Cli.Displays;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Events;
using MassGen.Testing;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Displays;

public sealed class SimpleDisplayTests
{
    private static async Task<string> RunAsync(Func<TestConsole, RunView, IRunDisplay> create, EventScript script)
    {
        using var console = new TestConsole().Width(100);
        var display = create(console, new RunView());
        var channel = Channel.CreateUnbounded<CoordinationEvent>();
        foreach (var coordinationEvent in script.Events)
        {
            channel.Writer.TryWrite(coordinationEvent);
        }

        channel.Writer.Complete();
        await display.RunAsync(channel.Reader);
        return console.Output;
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TieWithFailedAgent_PrintsOneLinePerEventThatMatters()
    {
        var output = await RunAsync((c, v) => new SimpleDisplay(c, v), EventScript.TieWithFailedAgent());

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Run started: 3 agents (alpha=agent1 openai/gpt-5-mini, beta=agent2 claude/claude-sonnet-4-5, gamma=agent3 grok/grok-4-fast), seed 7", lines[0]);
        Assert.Equal("Question: Which index structure?", lines[1]);
        Assert.Contains("[gamma] turn 1 failed (1 in a row): HTTP 401 from grok: invalid API key", lines);
        Assert.Contains("[gamma] FAILED and left the team: HTTP 401 from grok: invalid API key", lines);
        Assert.Contains("[alpha] votes for beta (agent2): Write-heavy workload.", lines);
        Assert.Contains("Winner: alpha (agent1) by consensus; votes: alpha 1, beta 1; tie broken by the tie-break rule", lines);
        Assert.Equal("Final answer (winning answer verbatim (presentation skipped)):", lines[^2]);
        Assert.Equal("Use a B-tree.", lines[^1]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Consensus_PrintsNoDeltasAndEndsWithTheAnswer()
    {
        var output = await RunAsync((c, v) => new SimpleDisplay(c, v), EventScript.Consensus());

        Assert.DoesNotContain("Let me think about France.", output);
        Assert.Contains("[researcher] answer 1 accepted as agent2, revision 1: Paris is the capital of France.", output);
        Assert.Contains("[fast] stale vote discarded (cast on revision 1, current 2)", output);
        Assert.Contains("[critic] tool mcp__files__read: succeeded in 420 ms", output);
        Assert.EndsWith("- river: `Seine`\n", output.ReplaceLineEndings("\n"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Silent_PrintsOnlyTheAnswer()
    {
        var output = await RunAsync((c, v) => new SilentDisplay(c, v), EventScript.TieWithFailedAgent());

        Assert.Equal("Use a B-tree.\n", output.ReplaceLineEndings("\n"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SilentWithoutAnswer_SaysWhy()
    {
        var output = await RunAsync((c, v) => new SilentDisplay(c, v), EventScript.AllFailed());

        Assert.Equal("No answer: Every agent failed before any answer was accepted.\n", output.ReplaceLineEndings("\n"));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Rich_EndsWithTheFinalReport()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EventScript.Start);
        var output = await RunAsync((c, v) => new RichTerminalDisplay(c, v, time, null), EventScript.Consensus());

        Assert.Contains("Winner: critic (agent1) by consensus, 3 of 3 votes.", output);
        Assert.Contains("The capital of France is Paris.", output);
    }
}
