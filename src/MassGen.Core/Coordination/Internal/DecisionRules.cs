using MassGen.Core.Events;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// The vote and answer rules of COORDINATION.md §4–5 as a pure function of the attempt and the decision: no state is
/// read or written here, so every rule is tested on its own and the loop only applies the ruling.
/// </summary>
internal static class DecisionRules
{
    /// <summary>Rules one decision attempt of a coordination turn.</summary>
    /// <param name="attempt">The attempt as it is when the decision arrives.</param>
    /// <param name="decider">The deciding agent and its turn.</param>
    /// <param name="decision">What the model's response offered.</param>
    /// <param name="normalizedContent">The new answer as the identity and novelty checks compare it (the environment's normalisation); ignored for votes.</param>
    public static Ruling Judge(RuleAttempt attempt, RuleDecider decider, DecisionAttempt decision, string? normalizedContent = null)
    {
        if (decision.UnknownToolMessage is { } unknownTool)
        {
            return new Ruling.Rejected(DecisionRule.MalformedDecision, unknownTool);
        }

        var decisions = decision.Decisions;
        if (decisions.Count == 0)
        {
            return new Ruling.Rejected(DecisionRule.NoDecision, FeedbackMessages.NoDecision(decider.DecisionsAsJsonText));
        }

        if (decisions.Count > 1)
        {
            return new Ruling.Rejected(DecisionRule.MultipleDecisions, FeedbackMessages.MultipleDecisions(decisions.Count));
        }

        var only = decisions[0];
        if (only.Problem is { } problem)
        {
            return new Ruling.Rejected(DecisionRule.MalformedDecision, FeedbackMessages.MalformedArguments(only.ToolName, problem));
        }

        return only.Kind switch
        {
            DecisionKind.Vote => JudgeVote(attempt, decider, only),
            DecisionKind.NewAnswer => JudgeAnswer(attempt, decider, only, normalizedContent ?? only.Content.Trim()),
            _ => new Ruling.Rejected(DecisionRule.MalformedDecision, FeedbackMessages.MalformedArguments(only.ToolName, "only new_answer and vote are decisions here")),
        };
    }

    /// <summary>Whether <c>new_answer</c> is open to the agent: under its cap and before wrap-up, or while nothing exists to vote for.</summary>
    public static bool CanAnswer(RuleAttempt attempt, int answersGiven) =>
        attempt.CurrentAnswers.Count == 0 || (!attempt.WrapUp && (attempt.MaxNewAnswersPerAgent is not { } cap || answersGiven < cap));

    private static Ruling JudgeVote(RuleAttempt attempt, RuleDecider decider, Decision vote)
    {
        if (attempt.CurrentAnswers.Count == 0)
        {
            return new Ruling.Rejected(DecisionRule.VoteWithoutAnswers, FeedbackMessages.VoteWithoutAnswers);
        }

        if (!attempt.CurrentAnswers.Any(a => string.Equals(a.Label, vote.Label, StringComparison.Ordinal)))
        {
            return new Ruling.Rejected(DecisionRule.UnknownLabel, FeedbackMessages.UnknownLabel(vote.Label, [.. attempt.CurrentAnswers.Select(a => a.Label)]));
        }

        // A vote on answers that changed while the model was deciding is recorded but never counted (§5).
        return decider.TurnRevision == attempt.Revision
            ? new Ruling.VoteCounts(vote)
            : new Ruling.VoteStale(vote, decider.TurnRevision);
    }

    private static Ruling JudgeAnswer(RuleAttempt attempt, RuleDecider decider, Decision answer, string normalized)
    {
        if (!CanAnswer(attempt, decider.AnswersGiven))
        {
            return new Ruling.Rejected(DecisionRule.OverAnswerCap, attempt.WrapUp
                ? FeedbackMessages.AnswersClosed
                : FeedbackMessages.OverAnswerCap(decider.AnswersGiven, attempt.MaxNewAnswersPerAgent ?? 0));
        }

        // Rule 6 against the current answers, the author's own included (also for a stale turn: §5).
        var threshold = AnswerSimilarity.Threshold(attempt.Novelty);
        foreach (var (label, current) in attempt.CurrentAnswers)
        {
            if (string.Equals(normalized, current, StringComparison.Ordinal))
            {
                return new Ruling.Rejected(DecisionRule.NotNovel, FeedbackMessages.Identical(label));
            }

            if (threshold is { } limit && AnswerSimilarity.Jaccard(normalized, current) > limit)
            {
                return new Ruling.Rejected(DecisionRule.NotNovel, FeedbackMessages.TooSimilar(label));
            }
        }

        return new Ruling.AnswerAccepted(answer, normalized);
    }
}

/// <summary>What the rules read about an attempt.</summary>
/// <param name="Revision">The current revision.</param>
/// <param name="CurrentAnswers">Each agent's current answer, normalised, by label, in label order (the valid vote targets).</param>
/// <param name="WrapUp">Whether wrap-up began.</param>
/// <param name="MaxNewAnswersPerAgent">The per-agent answer cap, if any.</param>
/// <param name="Novelty">How different a new answer must be.</param>
internal sealed record RuleAttempt(int Revision, IReadOnlyList<(string Label, string Normalized)> CurrentAnswers, bool WrapUp, int? MaxNewAnswersPerAgent, AnswerNoveltyRequirement Novelty);

/// <summary>What the rules read about the deciding agent.</summary>
/// <param name="AnswersGiven">Answers of the agent accepted in this attempt.</param>
/// <param name="TurnRevision">The revision whose answers the turn's model saw.</param>
/// <param name="DecisionsAsJsonText">Whether the agent decides in JSON text rather than tool calls (feedback wording).</param>
internal sealed record RuleDecider(int AnswersGiven, int TurnRevision, bool DecisionsAsJsonText);

/// <summary>The rules' ruling on a decision.</summary>
internal abstract record Ruling
{
    /// <summary>The new answer is accepted; <paramref name="Normalized"/> is what later answers are compared with.</summary>
    public sealed record AnswerAccepted(Decision Answer, string Normalized) : Ruling;

    /// <summary>The vote counts.</summary>
    public sealed record VoteCounts(Decision Vote) : Ruling;

    /// <summary>The vote was cast on an outdated revision: recorded, never counted; the agent takes a new turn.</summary>
    public sealed record VoteStale(Decision Vote, int CastOnRevision) : Ruling;

    /// <summary>The decision broke a rule: the message goes back to the model.</summary>
    public sealed record Rejected(DecisionRule Rule, string Message) : Ruling;
}
