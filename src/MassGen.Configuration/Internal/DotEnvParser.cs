using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Reads <c>.env</c> files: <c>KEY=value</c> lines, optional <c>export</c>, <c>#</c> comments, single quotes (literal)
/// and double quotes (with <c>\n</c>, <c>\"</c> and <c>\\</c> escapes).
/// </summary>
internal static partial class DotEnvParser
{
    public static IEnumerable<KeyValuePair<string, string>> Parse(string text, string fileName, List<string> warnings)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = Assignment().Match(line);
            if (!match.Success)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{fileName} (line {index + 1}): not a KEY=value line; ignored"));
                continue;
            }

            yield return new(match.Groups["key"].Value, Value(match.Groups["value"].Value));
        }
    }

    private static string Value(string raw)
    {
        raw = raw.Trim();
        if (raw.Length >= 2 && raw[0] == '\'' && raw.IndexOf('\'', 1) is var endSingle and > 0)
        {
            return raw[1..endSingle];
        }

        if (raw.Length >= 2 && raw[0] == '"')
        {
            var value = new StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    value.Append(raw[i] switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        var other => other,
                    });
                    continue;
                }

                value.Append(c);
            }

            return value.ToString();
        }

        // Unquoted: a " #" starts a comment.
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).Trim();
    }

    [GeneratedRegex(@"^(export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}
