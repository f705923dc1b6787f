using System.Text.RegularExpressions;

namespace MassGen.Core.Text;

/// <summary>
/// The one rule for names that hold credentials, used wherever a secret must not travel: configuration keys masked in
/// logs and the resolved configuration, environment variables whose values are masked there, and environment
/// variables withheld from commands a model runs.
/// </summary>
public static partial class SecretNames
{
    /// <summary>
    /// True when <paramref name="name"/> names a credential: it contains key, token, secret, password, passwd,
    /// authorization, credential or cookie, in any case (<c>api_key</c>, <c>GITHUB_TOKEN</c>, <c>X-Api-Key</c>). Token
    /// counts (<c>max_tokens</c>, <c>max_output_tokens</c>) are settings, not secrets.
    /// </summary>
    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Marker().IsMatch(name);
    }

    /// <summary>
    /// The values of the credential variables in <paramref name="environment"/> long enough to be a credential (6
    /// characters or more), to be masked wherever they appear in text that is written down.
    /// </summary>
    public static HashSet<string> ValuesIn(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment
            .Where(pair => IsSecret(pair.Key) && pair.Value.Length >= 6)
            .Select(pair => pair.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("key|token(?!s)|secret|passw(or)?d|authorization|credential|cookie", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
