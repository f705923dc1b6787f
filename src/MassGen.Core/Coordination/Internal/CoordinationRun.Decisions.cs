using MassGen.Core.Agents;
using MassGen.Core.Events;
using MassGen.Core.Prompts;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Validating and applying decisions (COORDINATION.md §4–5).</summary>
internal sealed partial class CoordinationRun
{
    private async Task<Verdict> DecideAsync(TurnHandle turn, DecisionAttempt attempt)
    {
        var agent = turn.Agent;
        var problem = Validate(turn, attempt);
        if (problem is null)
        {
            var decision = attempt.Decisions[0];
            agent.InFlight = null;
            agent.ConsecutiveFailures = 0;
            if (decision.Kind == DecisionKind.NewAnswer)
            {
                await AcceptAnswerAsync(agent, decision.Content).ConfigureAwait(false);
                return Verdict.AcceptedInstance;
            }

            return CastVote(turn, decision);
        }

        var (rule, message) = problem.Value;
        turn.RejectedTries++;
        var willRetry = turn.RejectedTries <= _options.MaxDecisionRetries;
        Emit(new DecisionRejected(agent.Id, agent.Label, turn.TurnNumber, rule, message, turn.RejectedTries, willRetry));
        if (!willRetry)
        {
            agent.InFlight = null;
            OnTurnFailed(turn, $"{turn.RejectedTries} decisions rejected; the last: {message}", timedOut: false);
            return Verdict.OverInstance;
        }

        return new Verdict.Rejected(message, BuildUpdate(turn));
    }

    private (DecisionRule Rule, string Message)? Validate(TurnHandle turn, DecisionAttempt attempt)
    {
        var agent = turn.Agent;
        if (attempt.UnknownToolMessage is { } unknownTool)
        {
            return (DecisionRule.MalformedDecision, unknownTool);
        }

        var decisions = attempt.Decisions;
        if (decisions.Count == 0)
        {
            return (DecisionRule.NoDecision, FeedbackMessages.NoDecision(agent.Definition.DecisionsAsJsonText));
        }

        if (decisions.Count > 1)
        {
            return (DecisionRule.MultipleDecisions, FeedbackMessages.MultipleDecisions(decisions.Count));
        }

        var decision = decisions[0];
        if (decision.Problem is { } problem)
        {
            return (DecisionRule.MalformedDecision, FeedbackMessages.MalformedArguments(decision.ToolName, problem));
        }

        if (decision.Kind == DecisionKind.Vote)
        {
            var labels = VoteLabels();
            if (labels.Count == 0)
            {
                return (DecisionRule.VoteWithoutAnswers, FeedbackMessages.VoteWithoutAnswers);
            }

            return labels.Contains(decision.Label, StringComparer.Ordinal)
                ? null
                : (DecisionRule.UnknownLabel, FeedbackMessages.UnknownLabel(decision.Label, labels));
        }

        if (decision.Kind != DecisionKind.NewAnswer)
        {
            return (DecisionRule.MalformedDecision, FeedbackMessages.MalformedArguments(decision.ToolName, "only new_answer and vote are decisions here"));
        }

        if (!CanAnswer(agent))
        {
            return (DecisionRule.OverAnswerCap, _current.WrapUp
                ? FeedbackMessages.AnswersClosed
                : FeedbackMessages.OverAnswerCap(agent.AnswerCount, _options.MaxNewAnswersPerAgent ?? 0));
        }

        return CheckNovelty(agent, decision.Content) is { } notNovel ? (DecisionRule.NotNovel, notNovel) : null;
    }

    /// <summary>Rule 6 against the current answers (also for a stale turn: COORDINATION.md §5).</summary>
    private string? CheckNovelty(AgentState author, string content)
    {
        var normalized = Normalize(author, content);
        var threshold = AnswerSimilarity.Threshold(_options.AnswerNoveltyRequirement);
        foreach (var other in _agents)
        {
            if (other.Answer is not { } current)
            {
                continue;
            }

            if (string.Equals(normalized, current.Normalized, StringComparison.Ordinal))
            {
                return FeedbackMessages.Identical(other.Label);
            }

            if (threshold is { } limit && AnswerSimilarity.Jaccard(normalized, current.Normalized) > limit)
            {
                return FeedbackMessages.TooSimilar(other.Label);
            }
        }

        return null;
    }

    private string Normalize(AgentState author, string content)
    {
        try
        {
            return (author.Environment?.NormalizeAnswer(content) ?? content).Trim();
        }
#pragma warning disable CA1031 // A faulty environment only weakens the identity check; it must not stop the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Emit(new ToolNotice(author.Id, "workspace", ToolNoticeSeverity.Warning, "Normalising an answer failed; compared as written: " + error.Message));
            return content.Trim();
        }
    }

    private Verdict CastVote(TurnHandle turn, Decision decision)
    {
        var agent = turn.Agent;
        var target = _agentsByLabel[decision.Label];
        var vote = new VoteRecord(agent.Id, agent.Label, target.Id, target.Label, decision.Reason, turn.Revision, _time.GetUtcNow());
        if (turn.Revision != _current.Revision)
        {
            // Stale: recorded, never counted; the agent takes a new turn on the current answers.
            _current.Discarded.Add(vote);
            Emit(new VoteDiscarded(agent.Id, agent.Label, target.Label, decision.Reason, turn.Revision, _current.Revision));
            return Verdict.OverInstance;
        }

        agent.Vote = vote;
        Emit(new VoteCounted(agent.Id, agent.Label, target.Id, target.Label, decision.Reason, _current.Revision));
        return Verdict.AcceptedInstance;
    }

    private async Task AcceptAnswerAsync(AgentState author, string content)
    {
        _current.Revision++;
        author.AnswerCount++;
        var now = _time.GetUtcNow();
        author.Answer = new CurrentAnswer(content, Normalize(author, content), _current.Revision, author.AnswerCount, now);
        // Published at once: a turn about to send its first request opens with this answer in it.
        CurrentView();
        _current.Answers.Add(new AnswerRecord(author.Id, author.Label, _current.Revision, author.AnswerCount, content, now));
        Emit(new AnswerAccepted(author.Id, author.Label, _current.Revision, author.AnswerCount, content));

        var voters = _agents.Where(a => a.Vote is not null).ToList();
        foreach (var voter in voters)
        {
            voter.Vote = null;
        }

        if (voters.Count > 0)
        {
            Emit(new VotesCleared(_current.Revision, [.. voters.Select(v => v.Id)]));
        }

        if (author.Environment is { } environment)
        {
            try
            {
                await environment.OnAnswerAcceptedAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Emit(new ToolNotice(author.Id, "workspace", ToolNoticeSeverity.Warning, "Snapshot after the accepted answer failed: " + error.Message));
            }
        }

        if (_options.OnNewAnswer == NewAnswerPolicy.Restart)
        {
            foreach (var agent in _agents)
            {
                if (agent.InFlight is { } turn && turn.Revision < _current.Revision)
                {
                    Emit(new TurnCancelled(agent.Id, turn.TurnNumber, "a new answer was accepted; a fresh turn starts with the current answers"));
                    agent.InFlight = null;
                    await turn.Cancellation.CancelAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// The update a turn must receive, or null when its view is current: new answers (<c>inject</c>) and/or the
    /// wrap-up notice. Building it moves the turn to the current revision, so it is always sent.
    /// </summary>
    private TurnUpdate? BuildUpdate(TurnHandle turn)
    {
        var answersChanged = _options.OnNewAnswer == NewAnswerPolicy.Inject && turn.Revision < _current.Revision;
        var wrapUpNews = _current.WrapUp && !turn.KnowsWrapUp;
        if (!answersChanged && !wrapUpNews)
        {
            return null;
        }

        turn.KnowsWrapUp = _current.WrapUp;
        turn.CanAnswer = CanAnswer(turn.Agent);
        var labels = VoteLabels();
        string text;
        if (answersChanged)
        {
            turn.Revision = _current.Revision;
            text = CoordinationPrompts.AnswerUpdate(CurrentView().Block(turn.Agent, _options.MarkOwnAnswer, Emit), labels, wrapUpNews);
        }
        else
        {
            text = CoordinationPrompts.WrapUpUpdate();
        }

        return new TurnUpdate(text, labels, turn.CanAnswer);
    }

    /// <summary>Whether <c>new_answer</c> is open to this agent: under its cap and before wrap-up (unless nothing exists to vote for).</summary>
    private bool CanAnswer(AgentState agent) => !CurrentView().HasAnswers || CanAnswerOnceAnswersExist(agent);

    private bool CanAnswerOnceAnswersExist(AgentState agent) =>
        !_current.WrapUp && (_options.MaxNewAnswersPerAgent is not { } cap || agent.AnswerCount < cap);
}
