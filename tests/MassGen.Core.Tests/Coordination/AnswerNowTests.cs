using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class AnswerNowTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnswerNow_WhileAPeerIsStillWorking_StopsCoordinationAndTheLeaderPresents()
    {
        var run = new CoordinationHarness(2);
        var control = new CoordinationControl();
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.Respond().HangUntilCancelled(), Script.Say("Four, presented."));
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled(), Script.Respond().HangUntilCancelled());
        // Once the leader is in its next (voting) turn, which never ends by itself.
        run.On<TurnStarted>(e => e.AgentId == run.Id(0) && e.TurnNumber == 2, _ => control.AnswerNow());

        var result = await run.RunAsync(new OrchestratorOptions { DeferVotingUntilAllAnswered = false }, new CoordinationRequest("2+2?") { Control = control });

        run.AssertWellFormed();
        Assert.Equal((TerminationReason.AnswerNow, PresentationOutcome.Presented), (result.TerminationReason, result.Presentation));
        Assert.Equal("Four, presented.", result.FinalAnswer);
        Assert.Equal(run.Id(0), result.WinnerId);
        Assert.Single(run.Of<PresentationStarted>());
        Assert.NotEmpty(run.Of<TurnCancelled>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task AnswerNow_BeforeAnyAnswer_WaitsForTheFirstAcceptedAnswer()
    {
        var run = new CoordinationHarness(2);
        var control = new CoordinationControl();
        control.AnswerNow();
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.Say("Four, presented."));
        run.Team.Script(run.Id(1), Script.Respond().HangUntilCancelled());

        var result = await run.RunAsync(new OrchestratorOptions { DeferVotingUntilAllAnswered = false }, new CoordinationRequest("2+2?") { Control = control });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.AnswerNow, result.TerminationReason);
        Assert.Equal("Four, presented.", result.FinalAnswer);
        Assert.Single(run.Of<AnswerAccepted>());
    }
}
