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
        var normalized = attempt is { UnknownToolMessage: null, Decisions: [{ Kind: DecisionKind.NewAnswer, Problem: null } answer] }
            ? Normalize(agent, answer.Content)
            : null;
        var ruling = DecisionRules.Judge(RuleAttempt(), new RuleDecider(agent.AnswerCount, turn.Revision, agent.Definition.DecisionsAsJsonText), attempt, normalized);
        if (ruling is not Ruling.Rejected(var rule, var message))
        {
            agent.InFlight = null;
            agent.ConsecutiveFailures = 0;
            switch (ruling)
            {
                case Ruling.AnswerAccepted accepted:
                    await AcceptAnswerAsync(agent, accepted.Answer.Content, accepted.Normalized).ConfigureAwait(false);
                    return Verdict.AcceptedInstance;
                case Ruling.VoteStale stale:
                    DiscardVote(agent, stale.Vote, stale.CastOnRevision);
                    return Verdict.OverInstance;
                default:
                    CountVote(agent, ((Ruling.VoteCounts)ruling).Vote);
                    return Verdict.AcceptedInstance;
            }
        }

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

    /// <summary>The attempt as the decision rules read it.</summary>
    private RuleAttempt RuleAttempt() => new(
        _current.Revision,
        [.. _agents.Where(a => a.Answer is not null).OrderBy(a => a.Label, StringComparer.Ordinal).Select(a => (a.Label, a.Answer!.Normalized))],
        _current.WrapUp,
        _options.MaxNewAnswersPerAgent,
        _options.AnswerNoveltyRequirement);

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

    private void CountVote(AgentState agent, Decision decision)
    {
        var target = _agentsByLabel[decision.Label];
        agent.Vote = new VoteRecord(agent.Id, agent.Label, target.Id, target.Label, decision.Reason, _current.Revision, _time.GetUtcNow());
        Emit(new VoteCounted(agent.Id, agent.Label, target.Id, target.Label, decision.Reason, _current.Revision));
    }

    private void DiscardVote(AgentState agent, Decision decision, int castOnRevision)
    {
        var target = _agentsByLabel[decision.Label];
        _current.Discarded.Add(new VoteRecord(agent.Id, agent.Label, target.Id, target.Label, decision.Reason, castOnRevision, _time.GetUtcNow()));
        Emit(new VoteDiscarded(agent.Id, agent.Label, target.Label, decision.Reason, castOnRevision, _current.Revision));
    }

    private async Task AcceptAnswerAsync(AgentState author, string content, string normalized)
    {
        _current.Revision++;
        author.AnswerCount++;
        var now = _time.GetUtcNow();
        author.Answer = new CurrentAnswer(content, normalized, _current.Revision, author.AnswerCount, now);
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
