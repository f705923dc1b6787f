using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// Turns a text into the n-grams the language-detection algorithm votes with, step for step as the original
/// library does (Python strings, so characters are Unicode code points): URLs and e-mail addresses become
/// spaces, Vietnamese letters with combining marks are composed, the text is cut at 10,000 characters with
/// runs of spaces collapsed, Latin letters are dropped from a mostly non-Latin text, every character is
/// normalized (punctuation to space, CJK ideographs to their class, kana and Hangul to one letter each), and
/// the 1-, 2- and 3-grams that some profile knows are collected, skipping words in capitals after their first
/// letter.
/// </summary>
internal static partial class NgramText
{
    public const int MaxLength = 3;
    private const int MaxTextLength = 10_000;

    // The library's data: Vietnamese base letters, the combining marks, and per mark the composed letters.
    private const string VietnameseBases = "AEIOUYaeiouy\u00c2\u00ca\u00d4\u00e2\u00ea\u00f4\u0102\u0103\u01a0\u01a1\u01af\u01b0";
    private const string VietnameseMarks = "\u0300\u0301\u0303\u0309\u0323";
    private const string Latin1Excluded = "\u00A0\u00AB\u00B0\u00BB";

    private static readonly string[] s_vietnameseComposed =
    [
        "\u00C0\u00C8\u00CC\u00D2\u00D9\u1EF2\u00E0\u00E8\u00EC\u00F2\u00F9\u1EF3\u1EA6\u1EC0\u1ED2\u1EA7\u1EC1\u1ED3\u1EB0\u1EB1\u1EDC\u1EDD\u1EEA\u1EEB",
        "\u00C1\u00C9\u00CD\u00D3\u00DA\u00DD\u00E1\u00E9\u00ED\u00F3\u00FA\u00FD\u1EA4\u1EBE\u1ED0\u1EA5\u1EBF\u1ED1\u1EAE\u1EAF\u1EDA\u1EDB\u1EE8\u1EE9",
        "\u00C3\u1EBC\u0128\u00D5\u0168\u1EF8\u00E3\u1EBD\u0129\u00F5\u0169\u1EF9\u1EAA\u1EC4\u1ED6\u1EAB\u1EC5\u1ED7\u1EB4\u1EB5\u1EE0\u1EE1\u1EEE\u1EEF",
        "\u1EA2\u1EBA\u1EC8\u1ECE\u1EE6\u1EF6\u1EA3\u1EBB\u1EC9\u1ECF\u1EE7\u1EF7\u1EA8\u1EC2\u1ED4\u1EA9\u1EC3\u1ED5\u1EB2\u1EB3\u1EDE\u1EDF\u1EEC\u1EED",
        "\u1EA0\u1EB8\u1ECA\u1ECC\u1EE4\u1EF4\u1EA1\u1EB9\u1ECB\u1ECD\u1EE5\u1EF5\u1EAC\u1EC6\u1ED8\u1EAD\u1EC7\u1ED9\u1EB6\u1EB7\u1EE2\u1EE3\u1EF0\u1EF1",
    ];

    /// <summary>The n-grams of <paramref name="text"/> that occur in some profile, in text order.</summary>
    public static List<NgramCounts> Extract(string text, LanguageProfiles profiles)
    {
        var codePoints = Clean(Truncate(ComposeVietnamese(MailPattern().Replace(UrlPattern().Replace(text, " "), " "))));
        var result = new List<NgramCounts>();
        Span<int> grams = stackalloc int[MaxLength];
        Span<char> buffer = stackalloc char[2 * MaxLength];
        var length = 1;
        grams[0] = ' ';
        var capitalWord = false;
        foreach (var original in codePoints)
        {
            // The library's NGram.add_char: a space ends the word; the window keeps the last three characters.
            var c = Normalize(original, profiles);
            var last = grams[length - 1];
            if (last == ' ')
            {
                grams[0] = ' ';
                length = 1;
                capitalWord = false;
                if (c == ' ')
                {
                    continue;
                }
            }
            else if (length == MaxLength)
            {
                grams[0] = grams[1];
                grams[1] = grams[2];
                length--;
            }

            grams[length++] = c;
            capitalWord = IsUpper(c) ? capitalWord || IsUpper(last) : false;
            if (capitalWord)
            {
                continue;
            }

            for (var n = 1; n <= length; n++)
            {
                if (n == 1 && c == ' ')
                {
                    continue;
                }

                var written = 0;
                var fits = true;
                foreach (var g in grams.Slice(length - n, n))
                {
                    fits &= new Rune(g).TryEncodeToUtf16(buffer[written..], out var used);
                    written += used;
                }

                if (fits && profiles.Find(buffer[..written]) is { } counts)
                {
                    result.Add(counts);
                }
            }
        }

        return result;
    }

    /// <summary>The library's character normalization (NGram.normalize), on code points.</summary>
    internal static int Normalize(int c, LanguageProfiles profiles) => c switch
    {
        <= 0x7F => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') ? c : ' ',
        <= 0xFF => Latin1Excluded.Contains((char)c, StringComparison.Ordinal) ? ' ' : c,
        0x0219 => 0x015F, // Romanian s and t with comma below become the cedilla forms
        0x021B => 0x0163,
        0x06CC => 0x064A, // Farsi yeh becomes Arabic yeh
        >= 0x1EA0 and <= 0x1EFF => 0x1EC3, // Latin Extended Additional from U+1EA0 (Vietnamese)
        >= 0x2000 and <= 0x206F => ' ', // General Punctuation
        >= 0x3040 and <= 0x309F => 0x3042, // Hiragana
        >= 0x30A0 and <= 0x30FF => 0x30A2, // Katakana
        (>= 0x3100 and <= 0x312F) or (>= 0x31A0 and <= 0x31BF) => 0x3105, // Bopomofo
        >= 0x4E00 and <= 0x9FFF => profiles.IdeographClasses.TryGetValue((char)c, out var representative) ? representative : c,
        >= 0xAC00 and <= 0xD7AF => 0xAC00, // Hangul syllables
        _ => c,
    };

    /// <summary>Python's <c>str.isupper()</c> of one character: the Unicode Uppercase property.</summary>
    internal static bool IsUpper(int c) =>
        Rune.IsValid(c) && Rune.GetUnicodeCategory(new Rune(c)) == UnicodeCategory.UppercaseLetter
        || c is (>= 0x2160 and <= 0x216F) or (>= 0x24B6 and <= 0x24CF) or (>= 0x1F130 and <= 0x1F149)
            or (>= 0x1F150 and <= 0x1F169) or (>= 0x1F170 and <= 0x1F189);

    /// <summary>A base letter followed by a combining mark becomes the composed Vietnamese letter.</summary>
    private static string ComposeVietnamese(string text)
    {
        if (text.AsSpan().IndexOfAny(VietnameseMarks) < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var letter = VietnameseBases.IndexOf(text[i], StringComparison.Ordinal);
            var mark = i + 1 < text.Length ? VietnameseMarks.IndexOf(text[i + 1], StringComparison.Ordinal) : -1;
            if (letter >= 0 && mark >= 0)
            {
                result.Append(s_vietnameseComposed[mark][letter]);
                i++;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>The first 10,000 code points, each space that follows a space left out.</summary>
    private static List<int> Truncate(string text)
    {
        var result = new List<int>(Math.Min(text.Length, MaxTextLength));
        var previous = -1;
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken++ == MaxTextLength)
            {
                break;
            }

            if (rune.Value != ' ' || previous != ' ')
            {
                result.Add(rune.Value);
            }

            previous = rune.Value;
        }

        return result;
    }

    /// <summary>Drops the characters from 'A' to 'z' when they are fewer than half the characters from U+0300.</summary>
    private static List<int> Clean(List<int> text)
    {
        int latin = 0, nonLatin = 0;
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'z')
            {
                latin++;
            }
            else if (c >= 0x0300)
            {
                // The library meant to exclude Latin Extended Additional here, but its test never matches.
                nonLatin++;
            }
        }

        if (latin * 2 < nonLatin)
        {
            text.RemoveAll(c => c is >= 'A' and <= 'z');
        }

        return text;
    }

    [GeneratedRegex("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}", RegexOptions.CultureInvariant)]
    private static partial Regex MailPattern();
}
