using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Events;

namespace MassGen.Core.Tests.Coordination;

public sealed class DecisionRulesTests
{
    private static readonly RuleAttempt s_twoAnswers = new(2, [("agent1", "Four."), ("agent2", "It is four, by counting.")], WrapUp: false, MaxNewAnswersPerAgent: 3, AnswerNoveltyRequirement.Lenient);
    private static readonly RuleDecider s_current = new(AnswersGiven: 1, TurnRevision: 2, DecisionsAsJsonText: false);

    private static DecisionAttempt One(Decision decision) => new([decision], []);

    private static Decision Vote(string label) => new(DecisionKind.Vote, "vote", "c1") { Label = label, Reason = "best" };

    private static Decision Answer(string content) => new(DecisionKind.NewAnswer, "new_answer", "c1") { Content = content };

    [Fact]
    public void Judge_VoteOnCurrentRevision_Counts()
    {
        var ruling = DecisionRules.Judge(s_twoAnswers, s_current, One(Vote("agent2")));

        Assert.Equal("agent2", Assert.IsType<Ruling.VoteCounts>(ruling).Vote.Label);
    }

    [Fact]
    public void Judge_VoteOnOutdatedRevision_IsStaleNotRejected()
    {
        var ruling = DecisionRules.Judge(s_twoAnswers, s_current with { TurnRevision = 1 }, One(Vote("agent1")));

        Assert.Equal(1, Assert.IsType<Ruling.VoteStale>(ruling).CastOnRevision);
    }

    [Fact]
    public void Judge_VoteForLabelWithoutAnswer_RejectedListingValidLabels()
    {
        var ruling = Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, One(Vote("agent7"))));

        Assert.Equal(DecisionRule.UnknownLabel, ruling.Rule);
        Assert.Contains("agent1, agent2", ruling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_VoteBeforeAnyAnswer_Rejected()
    {
        var ruling = DecisionRules.Judge(s_twoAnswers with { CurrentAnswers = [] }, s_current, One(Vote("agent1")));

        Assert.Equal(DecisionRule.VoteWithoutAnswers, Assert.IsType<Ruling.Rejected>(ruling).Rule);
    }

    [Fact]
    public void Judge_NoOrSeveralDecisionsOrUnknownTool_Rejected()
    {
        Assert.Equal(DecisionRule.NoDecision, Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, new([], []))).Rule);
        Assert.Equal(DecisionRule.MultipleDecisions, Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, new([Vote("agent1"), Vote("agent2")], []))).Rule);
        var unknown = new DecisionAttempt([], ["lookup"]) { UnknownToolMessage = "There is no tool named 'lookup'." };
        Assert.Equal((DecisionRule.MalformedDecision, "There is no tool named 'lookup'."), Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, unknown)) is var r ? (r.Rule, r.Message) : default);
        var broken = Vote("agent1") with { Problem = "not JSON" };
        Assert.Equal(DecisionRule.MalformedDecision, Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, One(broken))).Rule);
    }

    [Fact]
    public void Judge_NovelAnswerUnderCap_AcceptedWithItsNormalizedText()
    {
        var ruling = DecisionRules.Judge(s_twoAnswers, s_current, One(Answer("  Two plus two is four.  ")), "two plus two is four.");

        var accepted = Assert.IsType<Ruling.AnswerAccepted>(ruling);
        Assert.Equal("two plus two is four.", accepted.Normalized);
    }

    [Fact]
    public void Judge_AnswerIdenticalToAnyCurrentOne_RejectedNamingItsAuthor()
    {
        var ruling = Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current, One(Answer("Four."))));

        Assert.Equal(DecisionRule.NotNovel, ruling.Rule);
        Assert.Contains("agent1", ruling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AnswerTooSimilarUnderStrictNovelty_Rejected()
    {
        var strict = s_twoAnswers with { Novelty = AnswerNoveltyRequirement.Strict };

        var ruling = Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(strict, s_current, One(Answer("It is four, by counting!"))));

        Assert.Equal(DecisionRule.NotNovel, ruling.Rule);
        Assert.Contains("agent2", ruling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AnswerOverCapOrInWrapUp_Rejected()
    {
        var overCap = Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers, s_current with { AnswersGiven = 3 }, One(Answer("New."))));
        var wrapUp = Assert.IsType<Ruling.Rejected>(DecisionRules.Judge(s_twoAnswers with { WrapUp = true }, s_current, One(Answer("New."))));

        Assert.Equal(DecisionRule.OverAnswerCap, overCap.Rule);
        Assert.Contains("limit is 3", overCap.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionRule.OverAnswerCap, wrapUp.Rule);
        Assert.NotEqual(overCap.Message, wrapUp.Message);
    }

    [Fact]
    public void CanAnswer_NothingToVoteFor_OpenEvenOverCapAndInWrapUp()
    {
        var empty = s_twoAnswers with { CurrentAnswers = [], WrapUp = true };

        Assert.True(DecisionRules.CanAnswer(empty, answersGiven: 5));
        Assert.False(DecisionRules.CanAnswer(s_twoAnswers, answersGiven: 3));
        Assert.True(DecisionRules.CanAnswer(s_twoAnswers with { MaxNewAnswersPerAgent = null }, answersGiven: 30));
    }
}
