using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.Tests.IfEval;

public sealed class CaseAndLanguageCheckerTests
{
    [Theory]
    [InlineData("THIS IS ALL CAPS, 100%!", "en", true)]
    [InlineData("THIS IS Not ALL CAPS", "en", false)]
    [InlineData("123 !!!", "en", false)] // no cased character: not upper case
    [InlineData("THIS IS ALL CAPS", "fr", false)] // must also be English
    [InlineData("THIS IS ALL CAPS", null, true)] // undetectable counts as followed, as officially
    public void EnglishCapital_UpperCaseAndEnglish_Required(string response, string? language, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("change_case:english_capital", "{}", response, new FixedLanguage(language)));

    [Theory]
    [InlineData("all lower case, 100%.", "en", true)]
    [InlineData("all lower case except I", "en", false)]
    [InlineData("tout en minuscules", "fr", false)]
    public void EnglishLowercase_LowerCaseAndEnglish_Required(string response, string? language, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("change_case:english_lowercase", "{}", response, new FixedLanguage(language)));

    [Theory]
    [InlineData("NASA and the ESA met the EU.", "at least", 3, true)]
    [InlineData("AI's future", "at least", 1, true)] // "AI" + "'s"
    [InlineData("DON'T", "at least", 2, true)] // "DO" + "N'T", both upper case
    [InlineData("STATE-OF-THE-ART design", "less than", 2, true)] // hyphenated words are one token
    [InlineData("I AM HERE", "less than", 3, false)]
    public void CapitalWordFrequency_TreebankTokens_AgainstRelation(string response, string relation, int frequency, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "change_case:capital_word_frequency", $$"""{"capital_frequency": {{frequency}}, "capital_relation": "{{relation}}"}""", response));

    [Theory]
    [InlineData("de", "de", true)]
    [InlineData("en", "de", false)]
    [InlineData(null, "de", true)]
    public void ResponseLanguage_DetectedLanguage_MustEqualArgument(string? detected, string required, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "language:response_language", $$"""{"language": "{{required}}"}""", "Irgendein Text.", new FixedLanguage(detected)));

    [Fact]
    public void EnglishCapital_UndeterminedLanguage_NotFollowed() =>
        Assert.False(CheckerHarness.Follows("change_case:english_capital", "{}", "YES", new FixedLanguage(ILanguageIdentifier.Undetermined)));
}
