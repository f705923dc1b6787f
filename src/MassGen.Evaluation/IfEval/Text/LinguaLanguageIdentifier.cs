using Lingua;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Language identification with Lingua, restricted to the languages the official checker's detector
/// knows, so a text is never assigned a language the reference could not produce. A Latin-script text of
/// fewer than ten letters is undetermined (too short to identify). Kannada and Malayalam,
/// which Lingua has no model for, are recognised by their scripts; Nepali, which shares Devanagari with
/// Hindi and Marathi, is recognised by its frequent function words.
/// </summary>
public sealed class LinguaLanguageIdentifier : ILanguageIdentifier
{
    // Lingua's high-accuracy mode matters for short texts; for longer ones its low-accuracy mode (trigrams
    // only) decides the same and is several times faster, as Lingua's own documentation recommends.
    private const int ShortTextLength = 120;

    // Below this many Latin letters no detector is reliable (Lingua calls "YES" Hungarian), as some thirty
    // candidate languages share the script; such a text is undetermined rather than given an arbitrary
    // language. Scripts used by one candidate language (Hangul, Thai…) identify even a short text.
    private const int MinimumLetters = 10;

    private static readonly Lazy<LanguageDetector> s_precise = new(() => BuildDetector(lowAccuracy: false));
    private static readonly Lazy<LanguageDetector> s_fast = new(() => BuildDetector(lowAccuracy: true));

    /// <summary>The shared instance (the underlying models load on first use and are kept).</summary>
    public static LinguaLanguageIdentifier Instance { get; } = new();

    /// <inheritdoc />
    public string? Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var script = ScriptStatistics.Of(text);
        if (script.Letters == 0)
        {
            return null;
        }

        if (script.Letters < MinimumLetters && script.Latin * 2 > script.Letters)
        {
            return ILanguageIdentifier.Undetermined;
        }

        if (script.Kannada * 2 > script.Letters)
        {
            return "kn";
        }

        if (script.Malayalam * 2 > script.Letters)
        {
            return "ml";
        }

        var detector = text.Length < ShortTextLength ? s_precise.Value : s_fast.Value;
        var language = detector.DetectLanguageOf(text);
        if (language == Language.Unknown)
        {
            return null;
        }

        var code = language switch
        {
            Language.Bokmal => "no",
            _ => language.IsoCode6391().ToString().ToLowerInvariant(),
        };
        if (code is "hi" or "mr" && NepaliMarkers.LooksNepali(text))
        {
            return "ne";
        }

        return code;
    }

    private static LanguageDetector BuildDetector(bool lowAccuracy)
    {
        var builder = LanguageDetectorBuilder.FromLanguages(
            Language.Afrikaans, Language.Arabic, Language.Bulgarian, Language.Bengali, Language.Catalan,
            Language.Czech, Language.Welsh, Language.Danish, Language.German, Language.Greek, Language.English,
            Language.Spanish, Language.Estonian, Language.Persian, Language.Finnish, Language.French,
            Language.Gujarati, Language.Hebrew, Language.Hindi, Language.Croatian, Language.Hungarian,
            Language.Indonesian, Language.Italian, Language.Japanese, Language.Korean, Language.Lithuanian,
            Language.Latvian, Language.Macedonian, Language.Marathi, Language.Dutch, Language.Bokmal,
            Language.Punjabi, Language.Polish, Language.Portuguese, Language.Romanian, Language.Russian,
            Language.Slovak, Language.Slovene, Language.Somali, Language.Albanian, Language.Swedish,
            Language.Swahili, Language.Tamil, Language.Telugu, Language.Thai, Language.Tagalog,
            Language.Turkish, Language.Ukrainian, Language.Urdu, Language.Vietnamese, Language.Chinese);
        return (lowAccuracy ? builder.WithLowAccuracyMode() : builder).Build();
    }
}
