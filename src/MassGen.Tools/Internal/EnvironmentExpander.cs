using System.Text.RegularExpressions;

namespace MassGen.Tools.Internal;

/// <summary>Replaces <c>${VAR}</c> in configuration values by environment variables.</summary>
internal static partial class EnvironmentExpander
{
    /// <summary>Expands every <c>${NAME}</c>; collects the names that are not set instead of silently using "".</summary>
    public static string Expand(string value, Func<string, string?> lookup, ICollection<string> missing) =>
        Variable().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            var found = lookup(name);
            if (found is null)
            {
                missing.Add(name);
                return match.Value;
            }

            return found;
        });

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
