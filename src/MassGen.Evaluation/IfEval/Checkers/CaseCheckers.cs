using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary><c>change_case:english_capital</c>: all cased letters upper case, and detected as English.</summary>
internal sealed class EnglishCapitalChecker(ILanguageIdentifier languages) : IInstructionChecker
{
    public bool IsFollowed(string response) =>
        PythonText.IsUpper(response) && languages.Identify(response) is "en" or null;
}

/// <summary><c>change_case:english_lowercase</c>: all cased letters lower case, and detected as English.</summary>
internal sealed class EnglishLowercaseChecker(ILanguageIdentifier languages) : IInstructionChecker
{
    public bool IsFollowed(string response) =>
        PythonText.IsLower(response) && languages.Identify(response) is "en" or null;
}

/// <summary><c>change_case:capital_word_frequency</c>: count of fully upper-case words against a relation.</summary>
internal sealed class CapitalWordFrequencyChecker(int frequency, Relation relation) : IInstructionChecker
{
    public bool IsFollowed(string response) => relation.Holds(CapitalWordCounter.Count(response), frequency);
}

/// <summary><c>language:response_language</c>: the whole response is detected as the language (ISO 639-1).</summary>
internal sealed class ResponseLanguageChecker(string language, ILanguageIdentifier languages) : IInstructionChecker
{
    public bool IsFollowed(string response) => languages.Identify(response) is not { } detected || detected == language;
}
