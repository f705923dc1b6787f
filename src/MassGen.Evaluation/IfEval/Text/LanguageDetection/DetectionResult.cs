namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// The outcome of a detection: a language code, <see cref="Unknown"/> when no language is probable enough
/// (the library answers "unknown"), or <see cref="NoFeatures"/> when the text has no n-gram any profile knows
/// (the library raises an error, which the official checker counts as following the instruction).
/// </summary>
internal readonly record struct DetectionResult(string? Language)
{
    public static DetectionResult Unknown { get; } = new("unknown");

    public static DetectionResult NoFeatures { get; } = new(null);
}
