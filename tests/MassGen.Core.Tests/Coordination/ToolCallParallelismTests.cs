using MassGen.Core.Coordination;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

/// <summary>
/// Each call of a turn says whether the model may make several tool calls in one response: not while decision tools
/// are offered (a vote and an answer together would be rejected), freely when only ordinary tools are.
/// </summary>
public sealed class ToolCallParallelismTests
{
    private static readonly AITool[] s_tools = [AIFunctionFactory.Create((int value) => value == 4 ? "correct" : "wrong", "check")];

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_CoordinationAndPresentationWithTools_OneCallWhileDecidingSeveralWhenPresenting()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0),
            Script.Respond().Call("check", new { value = 4 }),
            Script.Answer("Four."),
            Script.VoteFor("agent1", "correct"),
            Script.Respond().Call("check", new { value = 4 }),
            Script.Say("Checked: four."));

        await run.RunAsync(configure: a => a with { Tools = s_tools });

        run.AssertWellFormed();
        var requests = run[0].Requests;
        Assert.Equal(5, requests.Count);
        Assert.All(requests.Take(3), r => Assert.Contains(r.ToolNames, name => name is "new_answer" or "vote"));
        Assert.All(requests.Take(3), r => Assert.False(r.Options!.AllowMultipleToolCalls));
        Assert.All(requests.Skip(3), r => Assert.Equal(["check"], r.ToolNames));
        Assert.All(requests.Skip(3), r => Assert.True(r.Options!.AllowMultipleToolCalls));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PresentationWithoutTools_LeavesTheSettingUnset()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor("agent1", "correct"), Script.Say("Four."));

        await run.RunAsync();

        var presentation = run[0].Requests[2];
        Assert.Empty(presentation.ToolNames);
        Assert.Null(presentation.Options!.AllowMultipleToolCalls);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_PostEvaluationOffersReviewTools_OneCallPerResponse()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor("agent1"), Script.Say("Four."), Script.Say("Looks right."));

        await run.RunAsync(new OrchestratorOptions { MaxOrchestrationRestarts = 1 });

        var review = run[0].Requests[3];
        Assert.Equal(["submit", "restart_orchestration"], review.ToolNames);
        Assert.False(review.Options!.AllowMultipleToolCalls);
    }
}
