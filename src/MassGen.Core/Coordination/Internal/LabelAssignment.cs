namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Seeded randomness of a coordination (COORDINATION.md §1–2): the label permutation, each viewer's answer order, the
/// random tie-break and back-off jitter. Everything derives from the run seed so a run can be reproduced.
/// </summary>
internal static class LabelAssignment
{
    /// <summary>Labels by registration index: a seeded permutation of <c>agent1..agentN</c>.</summary>
    public static IReadOnlyList<string> Assign(int count, int seed)
    {
        var numbers = Enumerable.Range(1, count).ToArray();
        new Random(seed).Shuffle(numbers);
        return [.. numbers.Select(n => "agent" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>Shuffles <paramref name="items"/> in the order this viewer sees on this revision.</summary>
    public static void ShuffleForViewer<T>(T[] items, int seed, int viewerIndex, int revision) =>
        new Random(Mix(seed, viewerIndex + 1, revision + 1)).Shuffle(items);

    /// <summary>The index chosen among <paramref name="count"/> tied candidates under the random tie-break.</summary>
    public static int RandomTieBreak(int count, int seed, int attempt) => new Random(Mix(seed, 0x7153, attempt)).Next(count);

    // HashCode.Combine is randomised per process, so a fixed mix (SplitMix64 finaliser) keeps runs reproducible.
    internal static int Mix(int seed, int a, int b)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xBF58476D1CE4E5B9UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
