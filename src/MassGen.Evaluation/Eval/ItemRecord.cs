namespace MassGen.Evaluation.Eval;

/// <summary>
/// One line of items.jsonl: one item in one arm under one seed, written as soon as it finishes. A failed unit has
/// <see cref="Error"/> set and <see cref="Correct"/> null: it is neither right nor wrong.
/// </summary>
internal sealed record ItemRecord
{
    public required string ItemId { get; init; }

    public required int ItemIndex { get; init; }

    public required string Arm { get; init; }

    public required int Seed { get; init; }

    public string? Response { get; init; }

    public string? Extracted { get; init; }

    public bool? Correct { get; init; }

    public string? Error { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long Tokens => InputTokens + OutputTokens;

    public decimal? CostUsd { get; init; }

    public double WallSeconds { get; init; }

    /// <summary>The team run's id (team arm), as written in the team's log when it keeps one.</summary>
    public string? TeamRunId { get; init; }

    /// <summary>Samples drawn (self-consistency).</summary>
    public int? Samples { get; init; }

    /// <summary>How the team's run went (team arm).</summary>
    public TeamFigures? Team { get; init; }
}

/// <summary>What one team run did, for the herding figures.</summary>
/// <param name="Rounds">Model turns of the busiest member (presentation included).</param>
/// <param name="Answers">Answers accepted.</param>
/// <param name="Agents">Members.</param>
/// <param name="Votes">Counting votes.</param>
/// <param name="SelfVotes">Counting votes for the voter's own answer.</param>
/// <param name="FirstAnswerWon">The author of the first accepted answer won.</param>
/// <param name="WinnerRevised">The winner replaced its answer after a peer had answered (a flip).</param>
/// <param name="Tie">The top of the tally was shared.</param>
/// <param name="Winner">The winner's id.</param>
internal sealed record TeamFigures(int Rounds, int Answers, int Agents, int Votes, int SelfVotes, bool FirstAnswerWon, bool WinnerRevised, bool Tie, string? Winner)
{
    public static TeamFigures From(Core.Results.CoordinationResult result)
    {
        var answers = result.Answers;
        var winner = result.WinnerId;
        var revised = false;
        var peerAnswered = false;
        foreach (var answer in answers)
        {
            if (answer.AgentId != winner)
            {
                peerAnswered = true;
            }
            else if (answer.AnswerNumber >= 2 && peerAnswered)
            {
                revised = true;
            }
        }

        return new TeamFigures(
            result.Usage.Count == 0 ? 0 : result.Usage.Max(u => u.Turns),
            answers.Count,
            result.Agents.Count,
            result.Votes.Count,
            result.Votes.Count(v => v.VoterId == v.TargetId),
            answers.Count > 0 && winner is not null && answers[0].AgentId == winner,
            revised,
            result.Tally.Count >= 2 && result.Tally[0].Votes == result.Tally[1].Votes,
            winner);
    }
}
