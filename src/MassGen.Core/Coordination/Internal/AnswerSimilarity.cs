namespace MassGen.Core.Coordination.Internal;

/// <summary>The novelty rule of COORDINATION.md §4: word-set Jaccard similarity.</summary>
internal static class AnswerSimilarity
{
    /// <summary>The similarity above which a new answer is too close, or <c>null</c> when only identity is checked.</summary>
    public static double? Threshold(AnswerNoveltyRequirement requirement) => requirement switch
    {
        AnswerNoveltyRequirement.Balanced => 0.70,
        AnswerNoveltyRequirement.Strict => 0.50,
        _ => null,
    };

    /// <summary>Jaccard similarity of the lower-cased word sets of two texts (1 when both are empty).</summary>
    public static double Jaccard(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 && right.Count == 0)
        {
            return 1;
        }

        var intersection = left.Count(right.Contains);
        return (double)intersection / (left.Count + right.Count - intersection);
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
