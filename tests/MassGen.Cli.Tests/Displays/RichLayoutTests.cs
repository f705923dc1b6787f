using MassGen.Cli.Displays;
using MassGen.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Displays;

public sealed class RichLayoutTests
{
    private static string RenderAfter(EventScript script, int count, int width = 120)
    {
        var view = new RunView();
        foreach (var coordinationEvent in script.Events.Take(count))
        {
            view.Apply(coordinationEvent);
        }

        using var console = new TestConsole().Width(width);
        console.Write(RichLayout.Render(view, width, EventScript.Start.AddSeconds(65), ".massgen/logs/run-1"));
        return console.Output;
    }

    [Fact]
    public void Render_MidRun_ShowsOneColumnPerAgentWithStatusModelAndTail()
    {
        var output = RenderAfter(EventScript.Consensus(), 12);

        Assert.Contains("researcher (agent2)", output);
        Assert.Contains("critic (agent1)", output);
        Assert.Contains("fast (agent3)", output);
        Assert.Contains("answered (1)", output);
        Assert.Contains("claude/claude-sonnet-4-5", output);
        Assert.Contains("Let me think about France.", output);
        Assert.Contains("mcp__files__read", output);
        Assert.Contains("stale vote discarded", output);

        // The three panels sit side by side: their titles share one line.
        var titleLine = output.Split('\n').First(l => l.Contains("researcher (agent2)"));
        Assert.Contains("critic (agent1)", titleLine);
        Assert.Contains("fast (agent3)", titleLine);
    }

    [Fact]
    public void Render_MidRun_FooterShowsRecentEventsElapsedTokensCostAndLogs()
    {
        var output = RenderAfter(EventScript.Consensus(), 12);

        Assert.Contains("researcher (agent2) answered: answer 1, revision 1", output);
        Assert.Contains("fast's vote discarded (revision 1 < 2)", output);
        Assert.Contains("elapsed 1:05", output);
        Assert.Contains("revision 2", output);
        Assert.Contains("tokens 750", output);
        Assert.Contains("$0.0006", output);
        Assert.Contains("logs: .massgen/logs/run-1", output);
    }

    [Fact]
    public void Render_FailingAgent_ShowsFailedStatusAndError()
    {
        var output = RenderAfter(EventScript.TieWithFailedAgent(), 9);

        Assert.Contains("gamma (agent3)", output);
        Assert.Contains("failed", output);
        Assert.Contains("invalid API key", output);
        Assert.Contains("gamma failed: HTTP 401", output);
    }

    [Fact]
    public void Render_FiftyAgentsAtWidth120_WrapsColumnsIntoRowsWithinWidth()
    {
        var script = new EventScript().Add(0, new Core.Events.RunStarted(
            "q", 1, [.. Enumerable.Range(1, 50).Select(i => new Core.Results.AgentLabel($"agent-{i:D2}", $"agent{i}", "m"))]));

        var output = RenderAfter(script, 1);

        Assert.Contains("agent-01", output);
        Assert.Contains("agent-50", output);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, $"line wider than the console: {line}"));
    }

    [Fact]
    public void TailOf_LongText_KeepsLastLinesWrappedAtWidth()
    {
        var tail = RichLayout.TailOf("one\ntwo\n" + new string('x', 25), 10, 3);

        Assert.Equal(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"], tail);
    }
}
