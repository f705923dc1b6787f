using MassGen.Cli.Displays;
using MassGen.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Displays;

public sealed class FinalReportTests
{
    private static string Render(EventScript script)
    {
        var view = new RunView();
        foreach (var coordinationEvent in script.Events)
        {
            view.Apply(coordinationEvent);
        }

        using var console = new TestConsole().Width(160);
        console.Write(FinalReport.Render(view, ".massgen/logs/run-1"));
        return console.Output;
    }

    [Fact]
    public void Render_Consensus_ShowsVoteTableWinnerAndMarkdownAnswer()
    {
        var output = Render(EventScript.Consensus());

        Assert.Contains("★ critic (agent1)", output);
        Assert.Contains("Clearer and complete.", output);
        Assert.Contains("Winner: critic (agent1) by consensus, 3 of 3 votes.", output);
        Assert.Contains("final answer · presented by the winner", output);
        Assert.Contains("The capital of France is Paris.", output);
        Assert.DoesNotContain("**Paris**", output);
        Assert.Contains("• population: about 2 million", output);
        Assert.Contains("$0.0090", output);
        Assert.Contains("seed 42", output);
    }

    [Fact]
    public void Render_TieWithFailedAgent_NamesTheTieAndMarksTheFailedAgent()
    {
        var output = Render(EventScript.TieWithFailedAgent());

        Assert.Contains("Tie between alpha (agent1), beta (agent2) with 1 votes each, broken by the tie-break rule.", output);
        Assert.Contains("gamma (agent3) failed", output);
        Assert.Contains("Winner: alpha (agent1)", output);
        Assert.Contains("cost unknown", output);
        Assert.Contains("winning answer verbatim (presentation skipped)", output);
    }

    [Fact]
    public void Render_NoAnswer_SaysWhy()
    {
        var output = Render(EventScript.AllFailed());

        Assert.Contains("No winner (all agents failed).", output);
        Assert.Contains("No answer. Every agent failed before any answer was accepted.", output);
    }

    [Fact]
    public void Render_AnswerWithMarkupCharacters_PrintsThemLiterally()
    {
        var markdown = MarkdownText.Render("Use [bold] and [/] literally, `a[0]` too.\n```\nx = [1, 2]\n```");
        using var console = new TestConsole().Width(80);

        console.Write(markdown);

        Assert.Contains("Use [bold] and [/] literally, a[0] too.", console.Output);
        Assert.Contains("x = [1, 2]", console.Output);
    }
}
