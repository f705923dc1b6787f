using System.Globalization;
using System.Text.RegularExpressions;

namespace MassGen.Evaluation.Gsm8k;

/// <summary>
/// Extracts numbers from GSM8K answers. The predicted number is, in order of preference: the number after the
/// last <c>####</c>; inside the last <c>\boxed{…}</c>; after the last "answer is" / "answer:"; else the last number
/// in the text. Thousands separators, currency signs, decimals and negative numbers are understood.
/// </summary>
public static partial class Gsm8kAnswer
{
    private const string Number = @"(?<neg>(?<![\w.,])[-−])?\s?[$€£]?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)";

    /// <summary>The gold number after the last <c>####</c> of a worked solution, or null when there is none.</summary>
    public static decimal? ParseGold(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var marker = answer.LastIndexOf("####", StringComparison.Ordinal);
        return marker < 0 ? null : FirstNumber(answer[(marker + 4)..]);
    }

    /// <summary>The number a free-text response gives as its answer, or null when it contains none.</summary>
    public static decimal? ExtractPredicted(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var pattern in (Regex[])[HashMarker(), Boxed(), AnswerPhrase()])
        {
            var matches = pattern.Matches(response);
            if (matches.Count > 0)
            {
                return ToDecimal(matches[^1]);
            }
        }

        var all = AnyNumber().Matches(response);
        return all.Count > 0 ? ToDecimal(all[^1]) : null;
    }

    private static decimal? FirstNumber(string text)
    {
        var match = AnyNumber().Match(text);
        return match.Success ? ToDecimal(match) : null;
    }

    // A number beyond decimal's range (about 7.9e28) is no answer any GSM8K problem has: it counts as no number,
    // not as a crash of the scorer.
    private static decimal? ToDecimal(Match match)
    {
        var digits = match.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return match.Groups["neg"].Success ? -value : value;
    }

    [GeneratedRegex(@"####\s*" + Number)]
    private static partial Regex HashMarker();

    [GeneratedRegex(@"\\boxed\{\s*(?:\\text\{)?" + Number)]
    private static partial Regex Boxed();

    [GeneratedRegex(@"(?i:answer)(?:\s+is)?\s*[:=]?\s*(?:\*\*|\$\$|\\\(|\s)*" + Number)]
    private static partial Regex AnswerPhrase();

    [GeneratedRegex(Number)]
    private static partial Regex AnyNumber();
}
