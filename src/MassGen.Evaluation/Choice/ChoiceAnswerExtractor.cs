using System.Text.RegularExpressions;

namespace MassGen.Evaluation.Choice;

/// <summary>
/// Finds the option a free-text response chose. Options are labelled A, B, C… In order of preference: a
/// letter after "answer" / "option" / "choice" ("Answer: C", "the answer is (C)", also "(c)"); a letter in parentheses
/// "(C)"; a bare letter ending the response; the text of exactly one option. Letters beyond the number of
/// options are ignored; when nothing matches, or several options' texts do, the answer is unparseable.
/// </summary>
public static partial class ChoiceAnswerExtractor
{
    /// <summary>The 0-based index of the chosen option, or null when the response is unparseable.</summary>
    public static int? Extract(string response, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var pattern in (Regex[])[AnswerPhrase(), Parenthesised(), TrailingLetter()])
        {
            var letters = pattern.Matches(response).Select(m => char.ToUpperInvariant(m.Groups["l"].Value[0]) - 'A')
                .Where(i => i < choices.Count).ToList();
            if (letters.Count > 0)
            {
                return letters[^1];
            }
        }

        return ByOptionText(response, choices);
    }

    private static int? ByOptionText(string response, IReadOnlyList<string> choices)
    {
        var spans = new List<(int Choice, int Start, int End)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var text = choices[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var pattern = @"(?<![\p{L}\p{N}])" + Regex.Escape(text) + @"(?![\p{L}\p{N}])";
            spans.AddRange(Regex.Matches(response, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5))
                .Select(m => (i, m.Index, m.Index + m.Length)));
        }

        // An option found only inside a longer option's text ("piano" in "grand piano") was not named itself.
        var named = spans.Where(s => !spans.Any(o => o.Choice != s.Choice && o.Start <= s.Start && o.End >= s.End && o.End - o.Start > s.End - s.Start))
            .Select(s => s.Choice).Distinct().ToList();
        return named.Count == 1 ? named[0] : null;
    }

    [GeneratedRegex(@"(?i:answer|option|choice)(?:\s+(?i:is|would be|should be))?\s*[:=\-]?\s*(?:\*\*|\s)*(?:\((?<l>[A-Ja-j])\)|(?<l>[A-J])(?![\p{L}\p{N}]))")]
    private static partial Regex AnswerPhrase();

    [GeneratedRegex(@"\((?<l>[A-J])\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<l>[A-J])[.)\]]?\**\s*$")]
    private static partial Regex TrailingLetter();
}
