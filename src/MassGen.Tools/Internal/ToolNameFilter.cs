using System.Text.RegularExpressions;

namespace MassGen.Tools.Internal;

/// <summary>The <c>allowed_tools</c> / <c>exclude_tools</c> rule: exact names or <c>*</c> wildcards; exclusion wins.</summary>
internal sealed class ToolNameFilter(IReadOnlyList<string> allowed, IReadOnlyList<string> excluded)
{
    private readonly Regex[] _allowed = [.. allowed.Select(ToRegex)];
    private readonly Regex[] _excluded = [.. excluded.Select(ToRegex)];

    /// <summary>True when any of <paramref name="names"/> (e.g. the server's own name and the <c>mcp__</c> name) passes.</summary>
    public bool Allows(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_excluded.Any(r => r.IsMatch(name)))
            {
                return false;
            }
        }

        if (_allowed.Length == 0)
        {
            return true;
        }

        foreach (var name in names)
        {
            if (_allowed.Any(r => r.IsMatch(name)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
