using System.Text;
using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// String predicates with the semantics of Python's <c>str</c> methods and <c>\w</c>, which the official
/// IFEval checker relies on (for example <c>isupper</c> needs at least one cased character).
/// </summary>
internal static partial class PythonText
{
    /// <summary>Python <c>str.isupper()</c>: at least one cased character and no lower-case one.</summary>
    public static bool IsUpper(string text)
    {
        var cased = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLower(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                return false;
            }

            cased |= Rune.IsUpper(rune);
        }

        return cased;
    }

    /// <summary>Python <c>str.islower()</c>: at least one cased character and no upper-case one.</summary>
    public static bool IsLower(string text)
    {
        var cased = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                return false;
            }

            cased |= Rune.IsLower(rune);
        }

        return cased;
    }

    /// <summary>The number of <c>\w+</c> runs, with Python's <c>\w</c> (letters, numbers, underscore).</summary>
    public static int CountWords(string text) => WordRun().Count(text);

    /// <summary>Python <c>str.split()</c> without arguments: runs of whitespace separate, no empty parts.</summary>
    public static string[] SplitOnWhitespace(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    // Python's \w is str.isalnum() or '_'; combining marks are not part of it (unlike .NET's \w).
    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex WordRun();
}
