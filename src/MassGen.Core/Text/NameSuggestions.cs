namespace MassGen.Core.Text;

/// <summary>
/// Finds the known name closest to a misspelt one, for "did you mean" hints: configuration keys, backend types and
/// command-line options all use this one measure.
/// </summary>
public static class NameSuggestions
{
    /// <summary>The closest candidate within a typo's distance of <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        var normalized = Normalize(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(normalized, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is not null && bestDistance <= Threshold(normalized))
        {
            return best;
        }

        // A clipped word ("rand" for "random") is far in edits but obvious to a reader.
        var prefixed = normalized.Length >= 3 ? candidates.Where(c => Normalize(c).StartsWith(normalized, StringComparison.Ordinal)).ToList() : [];
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>
    /// True when <paramref name="name"/> is almost certainly a typo of a candidate (close enough that passing it on
    /// to a provider would only hide the mistake).
    /// </summary>
    public static bool IsNearMiss(string name, IEnumerable<string> candidates, out string suggestion)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        var normalized = Normalize(name);
        var limit = normalized.Length <= 4 ? 1 : 2;
        var best = int.MaxValue;
        suggestion = string.Empty;
        foreach (var candidate in candidates)
        {
            var distance = Distance(normalized, Normalize(candidate));
            if (distance <= limit && distance < best)
            {
                suggestion = candidate;
                best = distance;
            }
        }

        return best <= limit;
    }

    private static int Threshold(string name) => Math.Max(1, Math.Min(3, name.Length / 3));

    // Case and '-' versus '_' never make a different key.
    private static string Normalize(string name) => name.ToLowerInvariant().Replace('-', '_');

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
