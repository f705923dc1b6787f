using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed class PostEvaluationTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ReviewerRestarts_ReasonAndInstructionsReachEveryAgent()
    {
        var run = new CoordinationHarness(2);
        var aAccepted = run.AnswerAccepted(0);
        var aAcceptedAgain = run.When<AnswerAccepted>(e => e.Attempt == 2);
        var l0 = run.Labels[0];
        run.Team.Script(
            run.Id(0),
            Script.Answer("Five."),
            Script.VoteFor(l0),
            Script.Say("It is five."),
            Script.Respond().Call("restart_orchestration", new { reason = "arithmetic is wrong", instructions = "recount carefully" }),
            Script.Answer("Four."),
            Script.VoteFor(l0),
            Script.Say("It is four."));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0), Script.Respond().WaitFor(aAcceptedAgain).Vote(l0), Script.VoteFor(l0));

        var result = await run.RunAsync(new OrchestratorOptions { MaxOrchestrationRestarts = 1 });

        run.AssertWellFormed();
        var restarting = Assert.Single(run.Of<OrchestrationRestarting>());
        Assert.Equal((2, "arithmetic is wrong", "recount carefully"), (restarting.NextAttempt, restarting.Reason, restarting.Instructions));
        var firstOfSecondAttempt = run.Events.OfType<TurnStarted>().Where(t => t.Attempt == 2).GroupBy(t => t.AgentId).Select(g => g.First()).ToList();
        Assert.Equal(2, firstOfSecondAttempt.Count);
        foreach (var client in run.Team.Clients)
        {
            var request = client.Requests.First(r => r.UserText.Contains("<PREVIOUS ATTEMPT>", StringComparison.Ordinal));
            Assert.StartsWith("<PREVIOUS ATTEMPT>", request.UserText, StringComparison.Ordinal);
            Assert.Contains("arithmetic is wrong", request.UserText, StringComparison.Ordinal);
            Assert.Contains("recount carefully", request.UserText, StringComparison.Ordinal);
            Assert.Contains("It is five.", request.UserText, StringComparison.Ordinal);
        }

        Assert.Equal(["submit", "restart_orchestration"], run[0].Requests[3].ToolNames);
        Assert.Equal(2, result.Attempts);
        Assert.Equal("It is four.", result.FinalAnswer);
        Assert.Equal("Four.", Assert.Single(result.Answers).Content);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ReviewerGivesNoDecision_Submits()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor("agent1"), Script.Say("Four."), Script.Say("Looks right to me."));

        var result = await run.RunAsync(new OrchestratorOptions { MaxOrchestrationRestarts = 2 });

        run.AssertWellFormed();
        Assert.Equal(1, result.Attempts);
        Assert.Empty(run.Of<OrchestrationRestarting>());
        Assert.Contains(run.Of<TurnStarted>(), t => t.Kind == TurnKind.PostEvaluation);
        Assert.Equal("Four.", result.FinalAnswer);
    }
}
