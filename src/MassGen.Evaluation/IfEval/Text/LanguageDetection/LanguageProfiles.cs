using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// The n-gram frequency profiles of the 55 languages of the language-detection library (Cybozu Labs, Apache
/// License 2.0; see THIRD-PARTY-NOTICES.md), read from the embedded resource <c>langdetect-profiles.txt.gz</c>,
/// and the CJK ideograph classes its text normalization maps onto one representative each.
/// </summary>
/// <remarks>
/// The resource is gzipped UTF-8 text, one record per line, fields separated by tabs: a header
/// <c>langdetect-profiles 1 L K</c>; L lines <c>code n1 n2 n3</c>, one per language in profile order (the number
/// of 1-, 2- and 3-grams its profile was built from); K lines, each a CJK class (its first char represents it);
/// then one line per n-gram, <c>gram index:count index:count…</c> (its count in each language that has it).
/// </remarks>
internal sealed class LanguageProfiles
{
    public const string ResourceName = "MassGen.Evaluation.langdetect-profiles.txt.gz";

    private static readonly Lazy<LanguageProfiles> s_embedded = new(LoadEmbedded);

    private readonly Dictionary<string, NgramCounts>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private LanguageProfiles(
        string[] languages, long[][] totals, Dictionary<char, char> ideographClasses, Dictionary<string, NgramCounts> grams)
    {
        Languages = languages;
        Totals = totals;
        IdeographClasses = ideographClasses;
        NgramCount = grams.Count;
        _lookup = grams.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The shared profiles, read from the assembly on first use.</summary>
    public static LanguageProfiles Embedded => s_embedded.Value;

    /// <summary>The language codes in profile order (the index of every probability vector).</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Per language, the number of 1-, 2- and 3-grams its profile counted.</summary>
    public IReadOnlyList<long[]> Totals { get; }

    /// <summary>CJK ideograph → the representative of its class.</summary>
    public IReadOnlyDictionary<char, char> IdeographClasses { get; }

    public int NgramCount { get; }

    /// <summary>The counts of an n-gram, or null when no profile has it.</summary>
    public NgramCounts? Find(ReadOnlySpan<char> gram) => _lookup.TryGetValue(gram, out var counts) ? counts : null;

    /// <exception cref="InvalidDataException">The data is not in the format described on this class.</exception>
    public static LanguageProfiles Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var header = (reader.ReadLine() ?? string.Empty).Split('\t');
        if (header is not ["langdetect-profiles 1", var languageText, var classText]
            || !int.TryParse(languageText, NumberStyles.None, CultureInfo.InvariantCulture, out var languageCount)
            || languageCount is < 2 or > byte.MaxValue
            || !int.TryParse(classText, NumberStyles.None, CultureInfo.InvariantCulture, out var classCount))
        {
            throw new InvalidDataException("Language profiles: the header is not 'langdetect-profiles 1<TAB>languages<TAB>classes'.");
        }

        var lineNumber = 1;
        string NextLine()
        {
            lineNumber++;
            return reader.ReadLine() ?? throw new InvalidDataException($"Language profiles: the data ends before line {lineNumber}.");
        }

        var languages = new string[languageCount];
        var totals = new long[languageCount][];
        for (var i = 0; i < languageCount; i++)
        {
            var fields = NextLine().Split('\t');
            if (fields.Length != 5 || fields[0] != "L")
            {
                throw Malformed(lineNumber);
            }

            languages[i] = fields[1];
            totals[i] = [.. fields.Skip(2).Select(f => long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw Malformed(lineNumber))];
        }

        var classes = new Dictionary<char, char>();
        for (var i = 0; i < classCount; i++)
        {
            var line = NextLine();
            if (!line.StartsWith("K\t", StringComparison.Ordinal) || line.Length < 3)
            {
                throw Malformed(lineNumber);
            }

            foreach (var c in line.AsSpan(2))
            {
                classes[c] = line[2];
            }
        }

        var grams = new Dictionary<string, NgramCounts>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var gram = tab is >= 1 and <= NgramText.MaxLength ? line[..tab] : throw Malformed(lineNumber);
            if (!grams.TryAdd(gram, ParseCounts(gram, line.AsSpan(tab + 1), languageCount, lineNumber)))
            {
                throw Malformed(lineNumber);
            }
        }

        return new LanguageProfiles(languages, totals, classes, grams);
    }

    private static NgramCounts ParseCounts(string gram, ReadOnlySpan<char> text, int languageCount, int lineNumber)
    {
        var pairs = text.Count(' ') + 1;
        var indexes = new byte[pairs];
        var counts = new int[pairs];
        var k = 0;
        foreach (var range in text.Split(' '))
        {
            var pair = text[range];
            var colon = pair.IndexOf(':');
            if (colon <= 0
                || !byte.TryParse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out indexes[k])
                || indexes[k] >= languageCount
                || !int.TryParse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out counts[k]))
            {
                throw Malformed(lineNumber);
            }

            k++;
        }

        return new NgramCounts(gram, indexes, counts);
    }

    private static InvalidDataException Malformed(int lineNumber) => new($"Language profiles: line {lineNumber} is malformed.");

    private static LanguageProfiles LoadEmbedded()
    {
        using var stream = typeof(LanguageProfiles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the assembly.");
        return Read(stream);
    }
}
