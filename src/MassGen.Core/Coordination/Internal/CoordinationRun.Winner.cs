using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Choosing the winner: consensus, plurality, tie-breaks, and the hard-stop fallbacks (COORDINATION.md §6).</summary>
internal sealed partial class CoordinationRun
{
    private CoordinationOutcome DecideOutcome()
    {
        var tally = Tally();
        var (winner, tieBroken) = ChooseWinner(tally);
        var hasAnswers = _agents.Any(a => a.Answer is not null);
        TerminationReason reason;
        string? detail = _current.StopDetail;
        if (_options.SkipCoordinationRounds && _current.StopReason is null)
        {
            reason = TerminationReason.SingleAgent;
            detail = "Coordination rounds were skipped: the first agent's answer is final.";
        }
        else if (_current.StopReason is null)
        {
            reason = TerminationReason.Consensus;
        }
        else if (!hasAnswers && _current.StopReason is TerminationReason.Timeout or TerminationReason.Budget)
        {
            reason = TerminationReason.NoAnswers;
            detail = $"{_current.StopDetail} No agent had given an answer.";
        }
        else
        {
            reason = _current.StopReason.Value;
            if (!hasAnswers)
            {
                detail = $"{_current.StopDetail} No agent had given an answer.";
            }
        }

        if (winner is not null)
        {
            Emit(new ConsensusReached(winner.Id, winner.Label, tally, reason, tieBroken));
        }

        return new CoordinationOutcome(winner, reason, detail, tieBroken, tally);
    }

    /// <summary>Counting votes per voted-for agent, highest first, then registration order.</summary>
    private List<TallyEntry> Tally() =>
        [.. _agents
            .Select(candidate => (candidate, votes: CountingVotes().Count(v => v.TargetId == candidate.Id)))
            .Where(x => x.votes > 0)
            .OrderByDescending(x => x.votes)
            .ThenBy(x => x.candidate.Index)
            .Select(x => new TallyEntry(x.candidate.Id, x.candidate.Label, x.votes))];

    /// <summary>Votes on the current revision by agents still in the quorum.</summary>
    private IEnumerable<VoteRecord> CountingVotes() =>
        _agents.Where(a => a.IsActive && a.Vote is not null).Select(a => a.Vote!);

    private (AgentState? Winner, bool TieBroken) ChooseWinner(List<TallyEntry> tally)
    {
        if (tally.Count > 0)
        {
            var top = tally[0].Votes;
            var tied = _agents.Where(a => tally.Any(t => t.AgentId == a.Id && t.Votes == top)).ToList();
            if (tied.Count == 1)
            {
                return (tied[0], false);
            }

            var chosen = _options.TieBreak switch
            {
                TieBreak.Random => tied[LabelAssignment.RandomTieBreak(tied.Count, _seed, _current.Number)],
                TieBreak.Latest => tied.MaxBy(a => a.Answer!.Revision)!,
                _ => tied[0],
            };
            return (chosen, true);
        }

        // No counting votes: the most recently accepted answer wins.
        return (_agents.Where(a => a.Answer is not null).MaxBy(a => a.Answer!.Revision), false);
    }
}
