using MassGen.Core.Events;
using MassGen.Core.Prompts;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Continuing a stopped run from a <see cref="CoordinationCheckpoint"/>: the attempt and the agents are put in the
/// state the checkpoint describes, as the loop left them, and the loop goes on from there. Agents that were in the
/// middle of a turn have no turn now, so the loop's scheduling starts their turns again.
/// </summary>
internal sealed partial class CoordinationRun
{
    private CoordinationCheckpoint? _resumeFrom;
    private IReadOnlyList<Resumption> _resumptions = [];

    /// <summary>Checks that the checkpoint belongs to this team under this seed: same ids, order and labels.</summary>
    public static IEnumerable<string> Mismatches(IReadOnlyList<string> agentIds, CoordinationCheckpoint checkpoint)
    {
        var logged = checkpoint.Agents.Select(a => a.AgentId).ToList();
        if (!logged.SequenceEqual(agentIds, StringComparer.Ordinal))
        {
            yield return $"The run was started with the agents {string.Join(", ", logged)} and the team now has {string.Join(", ", agentIds)}; resume it with the team it ran with.";
            yield break;
        }

        var labels = LabelAssignment.Assign(agentIds.Count, checkpoint.Seed);
        for (var i = 0; i < agentIds.Count; i++)
        {
            if (labels[i] != checkpoint.Agents[i].Label)
            {
                yield return $"Agent '{agentIds[i]}' had the label {checkpoint.Agents[i].Label}, but seed {checkpoint.Seed} gives it {labels[i]}; the log does not match this version's label assignment.";
            }
        }
    }

    private void Restore(CoordinationCheckpoint checkpoint)
    {
        _resumeFrom = checkpoint;
        _sequence = checkpoint.LastSequence;
        _startedAt = checkpoint.StartedAt;
        var previous = checkpoint.PreviousAttempt is { } feedback ? new PreviousAttemptFeedback(feedback.Reason, feedback.Instructions, feedback.FinalAnswer) : null;
        _current = new AttemptState(checkpoint.Attempt, previous) { SpentBefore = checkpoint.Elapsed };
        _current.Revision = checkpoint.Revision;
        _current.WrapUp = checkpoint.WrapUp;
        _current.Answers.AddRange(checkpoint.Answers);
        _current.Discarded.AddRange(checkpoint.DiscardedVotes);
        var agentsById = _agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var standing in checkpoint.AgentStates)
        {
            var agent = agentsById[standing.AgentId];
            agent.Failed = standing.Failed;
            agent.ConsecutiveFailures = standing.ConsecutiveFailures;
            agent.TurnCount = standing.TurnsTaken;
            agent.Usage = standing.Usage;
            _budget.AddSpent(standing.Usage);
        }

        // Each agent's current answer is its newest one; its answer count is that answer's number.
        foreach (var answer in checkpoint.Answers)
        {
            var author = agentsById[answer.AgentId];
            author.AnswerCount = answer.AnswerNumber;
            author.Answer = new CurrentAnswer(answer.Content, Normalize(author, answer.Content), answer.Revision, answer.AnswerNumber, answer.AcceptedAt);
        }

        foreach (var vote in checkpoint.Votes)
        {
            agentsById[vote.VoterId].Vote = vote;
        }

        CurrentView();
    }

    /// <summary>Takes the place of <see cref="RunStarted"/>: says what was restored and which turns start again.</summary>
    private void AnnounceResumption()
    {
        var checkpoint = _resumeFrom!;
        var resumption = new Resumption(_time.GetUtcNow(), checkpoint.LastSequence, checkpoint.InterruptedTurns, checkpoint.Answers.Count, checkpoint.Votes.Count);
        _resumptions = [.. checkpoint.Resumptions, resumption];
        Emit(new RunResumed(_request.Task, _seed, AgentLabels(), resumption, checkpoint.Elapsed));
    }

    /// <summary>What is left of a timer's due time once <paramref name="spent"/> has passed (an infinite one stays infinite).</summary>
    private static TimeSpan Remaining(TimeSpan due, TimeSpan spent) =>
        due == Timeout.InfiniteTimeSpan ? due : due > spent ? due - spent : TimeSpan.Zero;
}
