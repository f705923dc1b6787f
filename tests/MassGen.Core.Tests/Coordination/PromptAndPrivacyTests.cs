using System.Text.RegularExpressions;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

public sealed partial class PromptAndPrivacyTests
{
    [Fact]
    public void Assign_SameSeed_SamePermutationOfAllLabels()
    {
        var first = LabelAssignment.Assign(6, 7);

        Assert.Equal(first, LabelAssignment.Assign(6, 7));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"agent{i}").Order(), first.Order());
        Assert.Contains(Enumerable.Range(0, 20), seed => !LabelAssignment.Assign(6, seed).SequenceEqual(first));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_RandomSeed_IsReportedAndReproducesLabels()
    {
        var run = new CoordinationHarness(3);
        var orchestrator = new Orchestrator(run.Team.Agents, new OrchestratorOptions { MaxConsecutiveFailures = 1 }, run.Time);
        run.Team.Script(run.Id(0), Script.Respond().Throw());
        run.Team.Script(run.Id(1), Script.Respond().Throw());
        run.Team.Script(run.Id(2), Script.Respond().Throw());

        var result = await orchestrator.RunToResultAsync(new CoordinationRequest("q"));

        Assert.Equal(LabelAssignment.Assign(3, result.Seed), result.Agents.Select(a => a.Label));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ThreeAgents_VoteEnumListsOnlyAnsweredLabelsAndSystemMessageIsStable()
    {
        var run = new CoordinationHarness(3);
        var aAccepted = run.AnswerAccepted(0);
        var l0 = run.Labels[0];
        run.Team.ConfigureAll(a => a with { SystemMessage = "You are a careful mathematician." });
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0));
        run.Team.Script(run.Id(2), Script.Respond().WaitFor(aAccepted).Vote(l0), Script.VoteFor(l0), Script.Say("Four."));

        await run.RunAsync(new OrchestratorOptions { FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        foreach (var client in run.Team.Clients)
        {
            Assert.Null(client.Requests[0].VoteEnum);
            Assert.All(client.Requests.Skip(1), r => Assert.Equal([l0], r.VoteEnum));
            var systemMessages = client.Requests.Select(r => r.SystemText).Distinct().ToList();
            var system = Assert.Single(systemMessages);
            Assert.StartsWith("You are a careful mathematician.", system, StringComparison.Ordinal);
            Assert.DoesNotMatch(ClockPattern(), system);
        }
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_ShuffleAnswers_EachViewerHasItsOwnSeededOrder(bool shuffle)
    {
        var run = new CoordinationHarness(4);
        var all = run.AnswersAccepted(4);
        for (var i = 0; i < 4; i++)
        {
            var previous = i == 0 ? Task.CompletedTask : run.AnswersAccepted(i);
            run.Team.Script(run.Id(i), Script.Respond().WaitFor(previous).NewAnswer($"Answer number {i} with its own words {i * 7}."), Script.Respond().WaitFor(all).Vote(run.Labels[0]), Script.VoteFor(run.Labels[0]));
        }

        await run.RunAsync(new OrchestratorOptions { ShuffleAnswers = shuffle, FinalPresentation = FinalPresentationMode.Skip });

        run.AssertWellFormed();
        var orders = run.Team.Clients.Select(c => string.Join(",", AnswerTags().Matches(c.Requests[^1].UserText).Select(m => m.Groups[1].Value))).ToList();
        Assert.All(orders, o => Assert.Equal(4, o.Split(',').Length));
        if (shuffle)
        {
            Assert.True(orders.Distinct().Count() > 1, string.Join(" | ", orders));
        }
        else
        {
            Assert.All(orders, o => Assert.Equal("agent1,agent2,agent3,agent4", o));
        }

        Assert.DoesNotContain("vote", run[0].Requests[^1].UserText.Split("</CURRENT ANSWERS>")[0].Split("<CURRENT ANSWERS>")[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_HistoryAndMarkOwnAnswer_AppearInUserMessageInOrder()
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor("agent1"));
        var request = new CoordinationRequest("And times three?") { History = [new ConversationTurn("What is 2 + 2?", "Four.")] };

        await run.RunAsync(new OrchestratorOptions { MarkOwnAnswer = true, FinalPresentation = FinalPresentationMode.Skip }, request);

        var user = run[0].Requests[1].UserText;
        Assert.True(user.IndexOf("What is 2 + 2?", StringComparison.Ordinal) < user.IndexOf("And times three?", StringComparison.Ordinal));
        Assert.True(user.IndexOf("And times three?", StringComparison.Ordinal) < user.IndexOf("<CURRENT ANSWERS>", StringComparison.Ordinal));
        Assert.Contains("<agent1>\n(your own answer)\nFour.\n</agent1>", user, StringComparison.Ordinal);
        Assert.Contains("No answers exist yet", run[0].Requests[0].UserText, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}|20\d\d-\d\d-\d\d")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"<(agent\d+)>")]
    private static partial Regex AnswerTags();
}
