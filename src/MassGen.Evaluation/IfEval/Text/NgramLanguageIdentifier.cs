using MassGen.Evaluation.IfEval.Text.LanguageDetection;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Language identification as the official IFEval checker does it: a port of the language-detection algorithm
/// (naive Bayes over character 1- to 3-grams, Nakatani Shuyo, Cybozu Labs) with the original library's 55
/// language profiles, seeded with 0 so that every run decides the same. The profiles (about 88,000 n-grams)
/// are read once, on the first identification, and each n-gram's probability vector is built when a text first
/// uses it.
/// </summary>
public sealed class NgramLanguageIdentifier : ILanguageIdentifier
{
    private readonly Lazy<NaiveBayesDetector> _detector;

    private NgramLanguageIdentifier(Func<LanguageProfiles> profiles) =>
        _detector = new(() => new NaiveBayesDetector(profiles()));

    /// <summary>The shared instance over the embedded profiles.</summary>
    public static NgramLanguageIdentifier Instance { get; } = new(() => LanguageProfiles.Embedded);

    /// <inheritdoc />
    /// <remarks>
    /// Returns the profile's code (ISO 639-1, with <c>zh-cn</c> and <c>zh-tw</c> for Chinese);
    /// <see cref="ILanguageIdentifier.Undetermined"/> when no language reaches the library's 0.1 threshold (it
    /// answers "unknown"); <see langword="null"/> when the text has no n-gram of any profile (no letters).
    /// </remarks>
    public string? Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = _detector.Value.Detect(text);
        return result == DetectionResult.Unknown ? ILanguageIdentifier.Undetermined : result.Language;
    }
}
