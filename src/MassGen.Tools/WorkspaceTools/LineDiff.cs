using System.Text;

namespace MassGen.Tools.WorkspaceTools;

/// <summary>A small line diff (longest common subsequence) for compare_paths; large inputs fall back to the first difference.</summary>
internal static class LineDiff
{
    private const long MaxCells = 4_000_000;

    public static StringBuilder Describe(string[] a, string[] b, int maxLines)
    {
        var report = new StringBuilder();
        if (a.AsSpan().SequenceEqual(b))
        {
            return report.Append($"the files are identical ({a.Length} lines)");
        }

        // Trim the common start and end so the table only covers the part that changed.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var midA = a[prefix..^suffix];
        var midB = b[prefix..^suffix];
        if ((long)midA.Length * midB.Length > MaxCells)
        {
            return report.Append($"the files differ from line {prefix + 1} (first: {a.Length} lines, second: {b.Length} lines); too large for a line-by-line listing.");
        }

        var table = new int[midA.Length + 1, midB.Length + 1];
        for (var i = midA.Length - 1; i >= 0; i--)
        {
            for (var j = midB.Length - 1; j >= 0; j--)
            {
                table[i, j] = midA[i] == midB[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        report.Append("lines starting '-' are only in the first file, '+' only in the second (line numbers of each file):\n");
        int x = 0, y = 0, written = 0;
        while ((x < midA.Length || y < midB.Length) && written < maxLines)
        {
            if (x < midA.Length && y < midB.Length && midA[x] == midB[y])
            {
                x++;
                y++;
            }
            else if (y < midB.Length && (x == midA.Length || table[x, y + 1] >= table[x + 1, y]))
            {
                report.Append($"+{prefix + y + 1}: {midB[y]}\n");
                y++;
                written++;
            }
            else
            {
                report.Append($"-{prefix + x + 1}: {midA[x]}\n");
                x++;
                written++;
            }
        }

        if (written >= maxLines)
        {
            report.Append("[... more differences not shown ...]");
        }

        return report;
    }
}
