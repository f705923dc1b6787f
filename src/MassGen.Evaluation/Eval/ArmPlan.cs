namespace MassGen.Evaluation.Eval;

/// <summary>
/// The arms to run, from the <c>--arms</c> list: which members run alone, and which of vote, self-consistency, council,
/// team and oracle. Vote and council are built on the members' single answers, so they bring every single arm with them.
/// </summary>
internal sealed record ArmPlan(IReadOnlyList<string> Singles, bool Vote, bool SelfConsistency, bool Council, bool Team, bool Oracle, IReadOnlyList<string> NotApplicable)
{
    public const string VoteArm = "vote";
    public const string SelfConsistencyArm = "self-consistency";
    public const string CouncilArm = "council";
    public const string TeamArm = "team";
    public const string OracleArm = "oracle";
    public const string SinglePrefix = "single:";
    public const string SelectPrefix = "select:";

    /// <summary>Every arm's name in report order (singles in configuration order, then vote, self-consistency, council, team, oracle).</summary>
    public IReadOnlyList<string> Names =>
        [.. Singles.Select(s => SinglePrefix + s),
            .. Vote ? [VoteArm] : Array.Empty<string>(),
            .. SelfConsistency ? [SelfConsistencyArm] : Array.Empty<string>(),
            .. Council ? [CouncilArm] : Array.Empty<string>(),
            .. Team ? [TeamArm] : Array.Empty<string>(),
            .. Oracle ? [OracleArm] : Array.Empty<string>()];

    /// <summary>Parses the list against the team's member ids; an empty list is every arm.</summary>
    /// <exception cref="EvalUsageException">An arm is unknown or names no member.</exception>
    public static ArmPlan Parse(IReadOnlyList<string> arms, IReadOnlyList<string> members, bool supportsVoting, bool hasSelfConsistencyK)
    {
        var wanted = arms.Count == 0
            ? ["single", VoteArm, SelfConsistencyArm, CouncilArm, TeamArm, OracleArm]
            : arms.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var singles = new HashSet<string>(StringComparer.Ordinal);
        bool vote = false, sc = false, council = false, team = false, oracle = false;
        foreach (var arm in wanted)
        {
            switch (arm)
            {
                case "single":
                    singles.UnionWith(members);
                    break;
                case VoteArm:
                    vote = true;
                    break;
                case SelfConsistencyArm:
                    sc = true;
                    break;
                case CouncilArm:
                    council = true;
                    break;
                case TeamArm:
                    team = true;
                    break;
                case OracleArm:
                    oracle = true;
                    break;
                case var single when single.StartsWith(SinglePrefix, StringComparison.Ordinal):
                    var id = single[SinglePrefix.Length..];
                    if (!members.Contains(id, StringComparer.Ordinal))
                    {
                        throw new EvalUsageException($"--arms: '{single}' names no member of the team; the members are {string.Join(", ", members)}.");
                    }

                    singles.Add(id);
                    break;
                default:
                    throw new EvalUsageException($"--arms: unknown arm '{arm}'; use single:<agent id>, single (every member), vote, self-consistency, council, team or oracle.");
            }
        }

        var notApplicable = new List<string>();
        if (!supportsVoting)
        {
            // Free-text answers cannot be voted on; choosing a sample with the checker would peek at the gold.
            if (vote)
            {
                notApplicable.Add(VoteArm);
            }

            if (sc)
            {
                notApplicable.Add(SelfConsistencyArm);
            }

            vote = false;
            sc = false;
        }

        if (sc && !team && !hasSelfConsistencyK)
        {
            throw new EvalUsageException("--arms: self-consistency matches the team's median tokens, so it needs the team arm; add team to --arms or give --sc-k.");
        }

        if (vote || council || sc)
        {
            // Vote and council use every member's single answer; self-consistency picks the best single member.
            singles.UnionWith(members);
        }

        return new ArmPlan([.. members.Where(singles.Contains)], vote, sc, council, team, oracle, notApplicable);
    }
}
