using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary><c>keywords:existence</c>: every keyword occurs, case-insensitively; not whole-word (the keyword is a pattern).</summary>
internal sealed class KeywordExistenceChecker(IReadOnlyList<string> keywords) : IInstructionChecker
{
    private readonly Regex[] _patterns = [.. keywords.Select(k => Patterns.IgnoreCase(k))];

    public bool IsFollowed(string response) => _patterns.All(p => p.IsMatch(response));
}

/// <summary><c>keywords:frequency</c>: case-insensitive, not whole-word count of the stripped keyword against a relation.</summary>
internal sealed class KeywordFrequencyChecker(string keyword, int frequency, Relation relation) : IInstructionChecker
{
    private readonly Regex _pattern = Patterns.IgnoreCase(keyword.Trim());

    public bool IsFollowed(string response) => relation.Holds(_pattern.Count(response), frequency);
}

/// <summary><c>keywords:forbidden_words</c>: none of the words occurs as a whole word, case-insensitively.</summary>
internal sealed class ForbiddenWordsChecker(IReadOnlyList<string> words) : IInstructionChecker
{
    private readonly Regex[] _patterns = [.. words.Distinct(StringComparer.Ordinal).Select(w => Patterns.IgnoreCase(@"\b" + w + @"\b"))];

    public bool IsFollowed(string response) => !_patterns.Any(p => p.IsMatch(response));
}

/// <summary>
/// <c>keywords:letter_frequency</c>: case-insensitive count of one character against a relation. When the
/// argument is not a letter (the official checker then draws a random letter, so its verdict changes from
/// run to run), the given character itself is counted, which is deterministic.
/// </summary>
internal sealed class LetterFrequencyChecker(string letter, int frequency, Relation relation) : IInstructionChecker
{
    private readonly string _letter = letter.Trim().ToLowerInvariant();

    public bool IsFollowed(string response)
    {
        var lower = response.ToLowerInvariant();
        var count = 0;
        for (var index = lower.IndexOf(_letter, StringComparison.Ordinal); index >= 0;
             index = lower.IndexOf(_letter, index + _letter.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return relation.Holds(count, frequency);
    }
}

internal static class Patterns
{
    // The official checker uses its arguments as regular expressions; the same words mean the same here.
    public static Regex IgnoreCase(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
}
