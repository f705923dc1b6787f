using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Tests.Coordination;

public sealed class EnvironmentAndToolTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Environment_CalledAtEveryDocumentedPoint()
    {
        var run = new CoordinationHarness(2);
        string WorkspaceOf(string id) => "/ws/w" + run.Team.Ids.ToList().IndexOf(id);
        var environments = run.Team.Ids.ToDictionary(id => id, id => new RecordingEnvironment(WorkspaceOf(id), WorkspaceOf));
        run.Team.ConfigureAll(a => a with { Environment = environments[a.Id] });
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("See /ws/w0/result.txt"), Script.VoteFor(l0), Script.Say("Final: see the file."));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0));

        var result = await run.RunAsync();

        run.AssertWellFormed();
        Assert.Equal(["initialize", "before", "tools", "accepted", "before", "tools", "before-final", "tools"], environments[run.Id(0)].Calls);
        Assert.Equal(["initialize", "before", "tools", "before", "tools"], environments[run.Id(1)].Calls);
        var final = environments[run.Id(0)].Preparations[^1];
        Assert.True(final.IsFinalPresentation);
        Assert.Equal([run.Id(0)], final.AgentIdsWithAnswers);
        Assert.Equal(l0, final.LabelsByAgentId[run.Id(0)]);

        // The viewer's environment rewrote the author's workspace path; no real id reached the model.
        Assert.Contains($"/shared/{l0}/result.txt", run[1].Requests[1].UserText, StringComparison.Ordinal);
        Assert.Contains($"Your workspace is /ws/", run[0].Requests[0].SystemText, StringComparison.Ordinal);
        Assert.Contains(run.Of<ToolNotice>(), n => n.Source == "mcp:files" && n.AgentId == run.Id(1));
        Assert.Equal("Final: see the file.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AnswersDifferingOnlyInWorkspacePath_AreIdentical()
    {
        var run = new CoordinationHarness(1);
        var environment = new RecordingEnvironment("/tmp/w1");
        run.Team.Script(run.Id(0), Script.Answer("Wrote /tmp/w1/a.txt"), Script.Answer("Wrote <workspace>/a.txt"), Script.VoteFor("agent1"));

        await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip }, configure: a => a with { Environment = environment });

        Assert.Equal(DecisionRule.NotNovel, Assert.Single(run.Of<DecisionRejected>()).Rule);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_FaultyEnvironment_ReportsNoticesAndRunGoesOn()
    {
        var run = new CoordinationHarness(2);
        run.Team.ConfigureAll(a => a with { Environment = new FaultyEnvironment() });
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0));

        var result = await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        var notices = run.Of<ToolNotice>().Select(n => n.Message).ToList();
        Assert.Contains(notices, m => m.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains(notices, m => m.Contains("snapshot failed", StringComparison.Ordinal));
        Assert.Contains(notices, m => m.Contains("rewrite failed", StringComparison.Ordinal));
        Assert.Contains(notices, m => m.Contains("normalise failed", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ToolRefusesOrFails_OutcomesReachEventsAndModel()
    {
        var run = new CoordinationHarness(1);
        AITool[] tools =
        [
            AIFunctionFactory.Create(() => new ToolRefusal("writing outside the workspace is not allowed"), new AIFunctionFactoryOptions { Name = "write", MarshalResult = (result, _, _) => new ValueTask<object?>(result) }),
            AIFunctionFactory.Create(string () => throw new IOException("disk full"), "save"),
            AIFunctionFactory.Create((AIFunctionArguments arguments) =>
            {
                var context = (ToolInvocationContext)arguments.Context![typeof(ToolInvocationContext)]!;
                context.Reporter.Report("permissions", ToolNoticeSeverity.Warning, "read-only path");
                return "ok";
            }, "read"),
        ];
        run.Team.Script(
            run.Id(0),
            Script.Respond().Call("write").Call("save").Call("read").CallRaw("read", "{broken"),
            Script.Answer("Four."),
            Script.VoteFor("agent1"));

        await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip }, configure: a => a with { Tools = tools });

        run.AssertWellFormed();
        var finished = run.Of<ToolCallFinished>().ToList();
        Assert.Equal([ToolCallOutcome.Refused, ToolCallOutcome.Failed, ToolCallOutcome.Succeeded, ToolCallOutcome.Failed], finished.Select(f => f.Outcome));
        Assert.Equal(4, run.Of<ToolCallStarted>().Count());
        var results = run[0].Requests[1].FunctionResults;
        Assert.Equal("writing outside the workspace is not allowed", results[0]);
        Assert.Contains("disk full", results[1], StringComparison.Ordinal);
        Assert.Contains("not valid JSON", results[3], StringComparison.Ordinal);
        Assert.Contains(run.Of<ToolNotice>(), n => n.Source == "permissions" && n.Message == "read-only path");
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ConsecutiveToolErrors_FailTheTurn()
    {
        var run = new CoordinationHarness(1);
        run.AdvanceThroughBackoffs();
        AITool[] tools = [AIFunctionFactory.Create(string () => throw new IOException("disk full"), "save")];
        run.Team.Script(run.Id(0), Script.Respond().Call("save").Call("save"), Script.Answer("Four."), Script.VoteFor("agent1"));

        var result = await run.RunAsync(new OrchestratorOptions { MaxConsecutiveToolErrors = 2, FinalPresentation = FinalPresentationMode.Skip }, configure: a => a with { Tools = tools });

        run.AssertWellFormed();
        Assert.Contains("2 tool calls failed in a row", Assert.Single(run.Of<TurnFailed>()).Error, StringComparison.Ordinal);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ToolIterationLimit_WithdrawsToolsAndAsksForDecision()
    {
        var run = new CoordinationHarness(1);
        AITool[] tools = [AIFunctionFactory.Create(() => "data", "fetch")];
        run.Team.Script(run.Id(0), Script.Respond().Call("fetch"), Script.Respond().Call("fetch"), Script.Answer("Four."), Script.VoteFor("agent1"));

        await run.RunAsync(new OrchestratorOptions { MaxToolIterationsPerTurn = 1, FinalPresentation = FinalPresentationMode.Skip }, configure: a => a with { Tools = tools });

        run.AssertWellFormed();
        Assert.Contains("used every tool round", Assert.Single(run[0].Requests[1].FunctionResults), StringComparison.Ordinal);
        Assert.DoesNotContain("fetch", run[0].Requests[1].ToolNames);
        var rejected = Assert.Single(run.Of<DecisionRejected>());
        Assert.Equal(DecisionRule.MalformedDecision, rejected.Rule);
        Assert.Contains("No tool rounds are left", rejected.Message, StringComparison.Ordinal);
    }
}
