namespace MassGen.Core.Coordination.Internal.Topology;

/// <summary>Splits a round's contenders into seeded groups: the same seed and round always give the same groups.</summary>
internal static class GroupPlanner
{
    /// <summary>
    /// Shuffles <paramref name="contenders"/> with the seed of <paramref name="round"/> and cuts them into
    /// ceil(n / <paramref name="groupSize"/>) groups whose sizes differ by at most one (never a straggler group of one
    /// beside full ones). Inside a group, members keep registration order, which the registration tie-break relies on.
    /// </summary>
    public static List<List<Contender>> Split(IReadOnlyList<Contender> contenders, int groupSize, int seed, int round)
    {
        var order = contenders.ToArray();
        new Random(LabelAssignment.Mix(seed, 0x6709, round)).Shuffle(order);
        var groupCount = (order.Length + groupSize - 1) / groupSize;
        var groups = new List<List<Contender>>(groupCount);
        var start = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var size = (order.Length / groupCount) + (g < order.Length % groupCount ? 1 : 0);
            groups.Add([.. order.AsSpan(start, size).ToArray().OrderBy(c => c.Index)]);
            start += size;
        }

        return groups;
    }

    /// <summary>The seed of one group's coordination (labels, answer order, tie-breaks), derived from the run's seed.</summary>
    public static int GroupSeed(int seed, int round, int group) => LabelAssignment.Mix(seed, round, group);
}

/// <summary>An agent still in the running, with the answer that won it its last group (none in the first round).</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Index">Its registration index in the whole team.</param>
/// <param name="Answer">Its winning answer so far, or <c>null</c> before it has won a group.</param>
internal sealed record Contender(Agents.AgentDefinition Agent, int Index, string? Answer);
