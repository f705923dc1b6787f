using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;
using MassGen.Testing.Scripting;

namespace MassGen.Core.Tests.Coordination;

/// <summary>The six rules of COORDINATION.md §4 and malformed decisions, each with feedback and a successful retry.</summary>
public sealed class ValidationTests
{
    private static readonly OrchestratorOptions s_skip = new() { FinalPresentation = FinalPresentationMode.Skip };

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NoDecision_FeedsBackAsUserMessageAndRetrySucceeds()
    {
        var (run, result) = await RunSoloAsync(s_skip, Script.Say("Let me think about it."), Script.Answer("Four."), Script.VoteFor("agent1"));

        var rejected = AssertRejected(run, DecisionRule.NoDecision, "vote or new_answer");
        Assert.True(rejected.WillRetry);
        Assert.Contains("No decision made", run[0].Requests[1].Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal("Four.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_TwoDecisions_FeedsBackToEveryCallAndRetrySucceeds()
    {
        var (run, result) = await RunSoloAsync(s_skip, Script.Respond().NewAnswer("Four.").NewAnswer("4"), Script.Answer("Four."), Script.VoteFor("agent1"));

        AssertRejected(run, DecisionRule.MultipleDecisions, "exactly one");
        Assert.Equal(2, run[0].Requests[1].FunctionResults.Count);
        Assert.Equal("Four.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_VoteWithoutAnswers_FeedsBackAndRetrySucceeds()
    {
        var (run, result) = await RunSoloAsync(s_skip, Script.VoteFor("agent1"), Script.Answer("Four."), Script.VoteFor("agent1"));

        AssertRejected(run, DecisionRule.VoteWithoutAnswers, "no answers yet");
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_VoteForLabelWithoutAnswer_ListsValidLabels()
    {
        var run = new CoordinationHarness(2);
        var l0 = run.Labels[0];
        var aAccepted = run.AnswerAccepted(0);
        run.Team.Script(run.Id(0), Script.Answer("Four."), Script.VoteFor(l0));
        run.Team.Script(run.Id(1), Script.Respond().WaitFor(aAccepted).Vote(run.Labels[1], "mine"), Script.VoteFor(l0));

        var result = await run.RunAsync(s_skip);

        var rejected = AssertRejected(run, DecisionRule.UnknownLabel, $"Unknown agent_id '{run.Labels[1]}'. Valid values: {l0}.");
        Assert.Equal(run.Id(1), rejected.AgentId);
        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NewAnswerOverCap_FeedsBackAndTurnsAreVoteOnly()
    {
        var (run, result) = await RunSoloAsync(s_skip with { MaxNewAnswersPerAgent = 1 }, Script.Answer("Four."), Script.Answer("Still four, differently."), Script.VoteFor("agent1"));

        AssertRejected(run, DecisionRule.OverAnswerCap, "You have given 1 answers, the limit is 1");
        Assert.Equal(["vote"], run[0].Requests[1].ToolNames);
        Assert.False(run.Of<TurnStarted>().Last().CanAnswer);
        Assert.Equal("Four.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_IdenticalAnswerAfterTrimming_IsRejectedNamingTheLabel()
    {
        var (run, result) = await RunSoloAsync(s_skip, Script.Answer("Four."), Script.Answer("  Four.\n"), Script.VoteFor("agent1"));

        var rejected = AssertRejected(run, DecisionRule.NotNovel, "the same as");
        Assert.Contains(run.Labels[0], rejected.Message, StringComparison.Ordinal);
        Assert.Single(result.Answers);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData(AnswerNoveltyRequirement.Balanced, "the sum of two and two is four indeed", true)]
    [InlineData(AnswerNoveltyRequirement.Strict, "two plus two is four, which is the sum", true)]
    [InlineData(AnswerNoveltyRequirement.Lenient, "the sum of two and two is four indeed", false)]
    public async Task RunAsync_TooSimilarUnderNoveltyRule_IsRejected(AnswerNoveltyRequirement novelty, string second, bool rejected)
    {
        var (run, result) = await RunSoloAsync(
            s_skip with { AnswerNoveltyRequirement = novelty },
            Script.Answer("the sum of two and two is four"),
            Script.Answer(second),
            Script.VoteFor("agent1"),
            Script.VoteFor("agent1"));

        Assert.Equal(rejected, run.Of<DecisionRejected>().Any(r => r.Rule == DecisionRule.NotNovel && r.Message.Contains("too close", StringComparison.Ordinal)));
        Assert.Equal(rejected ? 1 : 2, result.Answers.Count);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_GarbageDecisions_BecomeMalformedRejectionsNeverCrashes()
    {
        var (run, result) = await RunSoloAsync(
            s_skip with { MaxDecisionRetries = 4 },
            Script.Respond().CallRaw("new_answer", "{not json"),
            Script.Respond().CallRaw("new_answer", "{}"),
            Script.Respond().Call("frobnicate", new { x = 1 }),
            Script.Respond().Call("new_answer", new { content = 42 }),
            Script.Answer("Four."),
            Script.VoteFor("agent1"));

        var rejections = run.Of<DecisionRejected>().ToList();
        Assert.Equal(4, rejections.Count);
        Assert.All(rejections, r => Assert.Equal(DecisionRule.MalformedDecision, r.Rule));
        Assert.Contains("not valid JSON", rejections[0].Message, StringComparison.Ordinal);
        Assert.Contains("'content' is missing", rejections[1].Message, StringComparison.Ordinal);
        Assert.Contains("no tool named 'frobnicate'", rejections[2].Message, StringComparison.Ordinal);
        Assert.Contains("must be a string", rejections[3].Message, StringComparison.Ordinal);
        Assert.Equal("Four.", result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_RetriesExhausted_TurnFailsThenAgentRetriesAfterBackoff()
    {
        var run = new CoordinationHarness(1);
        run.AdvanceThroughBackoffs();
        run.Team.Script(run.Id(0), Script.Say("hmm"), Script.Say("hmm"), Script.Say("hmm"), Script.Answer("Four."), Script.VoteFor(run.Labels[0]));

        var result = await run.RunAsync(s_skip);

        run.AssertWellFormed();
        var rejections = run.Of<DecisionRejected>().ToList();
        Assert.Equal([true, true, false], rejections.Select(r => r.WillRetry));
        Assert.Equal([1, 2, 3], rejections.Select(r => r.Try));
        var failed = Assert.Single(run.Of<TurnFailed>());
        Assert.Contains("3 decisions rejected", failed.Error, StringComparison.Ordinal);
        Assert.Single(run.Of<AgentRetrying>());
        Assert.Equal("Four.", result.FinalAnswer);
    }

    private static DecisionRejected AssertRejected(CoordinationHarness run, DecisionRule rule, string messagePart)
    {
        run.AssertWellFormed();
        var rejected = Assert.Single(run.Of<DecisionRejected>());
        Assert.Equal(rule, rejected.Rule);
        Assert.Contains(messagePart, rejected.Message, StringComparison.Ordinal);
        return rejected;
    }

    /// <summary>Runs one agent (a quorum of one, always labelled agent1).</summary>
    private static async Task<(CoordinationHarness Run, CoordinationResult Result)> RunSoloAsync(OrchestratorOptions options, params ScriptedResponse[] script)
    {
        var run = new CoordinationHarness(1);
        run.Team.Script(run.Id(0), script);
        var result = await run.RunAsync(options);
        return (run, result);
    }
}
