using System.Threading.Channels;
using MassGen.Cli.Displays;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Displays;

public sealed class AnswerNowKeyTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RichDisplay_AnswerNowKeyPressed_TheLeadingAnswerIsPresentedWhileAPeerStillWorks()
    {
        using var terminal = new ScriptedTerminal();
        terminal.Type("a");
        var time = new FakeTimeProvider();
        var team = ScriptedTeam.Create(2, time);
        team.Script(team.Ids[0], Script.Answer("Paris."), Script.Say("Paris, presented."));
        team.Script(team.Ids[1], Script.Respond().HangUntilCancelled());
        var control = new CoordinationControl();
        var display = new RichTerminalDisplay(terminal, new RunView(), time, null, control);
        var events = Channel.CreateUnbounded<CoordinationEvent>();
        var showing = display.RunAsync(events.Reader);

        CoordinationResult? result = null;
        var orchestrator = new Orchestrator(team.Agents, new OrchestratorOptions { Seed = 5, DeferVotingUntilAllAnswered = false }, time);
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("Capital of France?") { Control = control }))
        {
            events.Writer.TryWrite(coordinationEvent);
            result = (coordinationEvent as RunFinished)?.Result ?? result;
        }

        events.Writer.Complete();
        await showing;

        Assert.True(control.AnswerNowRequested);
        Assert.Equal((TerminationReason.AnswerNow, "Paris, presented."), (result!.TerminationReason, result.FinalAnswer));
        Assert.Contains("Paris, presented.", terminal.Output);
    }

    [Fact]
    public void Footer_WithAControl_NamesTheKeyUntilItIsPressed()
    {
        var view = new RunView { AnswerNowAvailable = true };
        var before = Render(view);
        view.AnswerNowRequested = true;
        var after = Render(view);

        Assert.Contains("a: answer now", before);
        Assert.Contains("answer now requested", after);
    }

    private static string Render(RunView view)
    {
        using var console = new TestConsole().Width(160);
        console.Write(RichLayout.Render(view, 160, DateTimeOffset.UnixEpoch, null));
        return console.Output;
    }
}
