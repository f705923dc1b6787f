using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

public sealed class PresentationTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_SkipMode_UsesWinningAnswerVerbatimWithoutCall()
    {
        var run = Solo();

        var result = await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        Assert.Equal(("Four.", PresentationOutcome.Skipped), (result.FinalAnswer, result.Presentation));
        Assert.Equal(2, run[0].Requests.Count);
        Assert.DoesNotContain(run.Of<TurnStarted>(), t => t.Kind == TurnKind.Presentation);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PresentationSeesAnswersAndVotes_WithoutDecisionTools()
    {
        var run = Solo(Script.Say("Two plus two is four.").Usage(50, 10));

        var result = await run.RunAsync();

        run.AssertWellFormed();
        Assert.Equal(("Two plus two is four.", PresentationOutcome.Presented), (result.FinalAnswer, result.Presentation));
        var presentation = run[0].Requests[2];
        Assert.Empty(presentation.ToolNames);
        Assert.Contains("Four.", presentation.UserText, StringComparison.Ordinal);
        Assert.Contains("(your own answer)", presentation.UserText, StringComparison.Ordinal);
        Assert.Contains("agent1: correct", presentation.UserText, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(result.Usage).Turns);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Presenter_KeepsOrdinaryToolsAndUsesThem()
    {
        var run = Solo(Script.Respond().Call("check", new { value = 4 }), Script.Say("Checked: four."));
        AITool[] tools = [AIFunctionFactory.Create((int value) => value == 4 ? "correct" : "wrong", "check")];

        var result = await run.RunAsync(configure: a => a with { Tools = tools });

        run.AssertWellFormed();
        Assert.Equal(["check"], run[0].Requests[2].ToolNames);
        Assert.Equal(["correct"], run[0].Requests[3].FunctionResults);
        Assert.Equal(("Checked: four.", PresentationOutcome.Presented), (result.FinalAnswer, result.Presentation));
        Assert.Contains(run.Of<ToolCallFinished>(), f => f.ToolName == "check" && f.Outcome == ToolCallOutcome.Succeeded);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EmptyPresentation_FallsBackToWinningAnswer()
    {
        var run = Solo(Script.Respond().Usage(5, 0));

        var result = await run.RunAsync();

        AssertSinglePresentation(run, result, PresentationOutcome.FellBackEmpty);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_FailedPresentation_FallsBackToWinningAnswer()
    {
        var run = Solo(Script.Respond().Text("Two pl").Throw("connection reset"));

        var result = await run.RunAsync();

        AssertSinglePresentation(run, result, PresentationOutcome.FellBackFailed);
        Assert.Contains("connection reset", result.TerminationDetail ?? Assert.Single(run.Of<PresentationFinished>()).Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PresentationTimeout_FallsBackOnceAndNeverPresentsAgain()
    {
        var run = Solo(Script.Respond().Text("Two plus").HangUntilCancelled());
        var clock = AdvanceAtRequest(run, 3, TimeSpan.FromSeconds(300));

        var result = await run.RunAsync();
        await clock;

        AssertSinglePresentation(run, result, PresentationOutcome.FellBackTimeout);
        Assert.Single(run.Of<AgentTimedOut>());
        Assert.Equal(1, run[0].CancellationsObserved);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_OrchestratorTimeout_WinnerStillPresents()
    {
        var run = new CoordinationHarness(2);
        run.On<VoteCounted>(_ => true, _ => run.Time.Advance(TimeSpan.FromSeconds(100)));
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor(run.Labels[0]), Script.Say("Four, presented."));
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());

        // The peer never answers; its first answer is not waited for, so the vote comes at once.
        var result = await run.RunAsync(new OrchestratorOptions { OrchestratorTimeout = TimeSpan.FromSeconds(100), AgentTurnTimeout = TimeSpan.FromSeconds(1000), DeferVotingUntilAllAnswered = false });

        run.AssertWellFormed();
        Assert.Equal((TerminationReason.Timeout, PresentationOutcome.Presented), (result.TerminationReason, result.Presentation));
        Assert.Equal("Four, presented.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InterruptedDuringPresentation_FallsBackAndReportsInterrupted()
    {
        using var interrupt = new CancellationTokenSource();
        var run = Solo(Script.Respond().Text("Two plus").HangUntilCancelled());
        var cancel = CancelAtRequest(run, 3, interrupt);

        var result = await run.RunAsync(cancellationToken: interrupt.Token);
        await cancel;

        AssertSinglePresentation(run, result, PresentationOutcome.FellBackFailed, TerminationReason.Interrupted);
        Assert.Equal(1, run[0].CancellationsObserved);
    }

    private static void AssertSinglePresentation(CoordinationHarness run, CoordinationResult result, PresentationOutcome outcome, TerminationReason reason = TerminationReason.Consensus)
    {
        run.AssertWellFormed();
        Assert.Equal(outcome, result.Presentation);
        Assert.Equal("Four.", result.FinalAnswer);
        Assert.Equal(reason, result.TerminationReason);
        Assert.Single(run.Of<PresentationStarted>());
        Assert.Equal(outcome, Assert.Single(run.Of<PresentationFinished>()).Outcome);
        Assert.Equal(3, run[0].Requests.Count);
    }

    private static CoordinationHarness Solo(params ScriptedResponse[] presentation)
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), [Script.Answer("Four."), Script.VoteFor("agent1", "correct"), .. presentation]);
        return run;
    }

    private static async Task CancelAtRequest(CoordinationHarness run, int count, CancellationTokenSource interrupt)
    {
        await run[0].WaitForRequestsAsync(count);
        await interrupt.CancelAsync();
    }

    private static async Task AdvanceAtRequest(CoordinationHarness run, int count, TimeSpan by)
    {
        await run[0].WaitForRequestsAsync(count);
        run.Time.Advance(by);
    }
}
