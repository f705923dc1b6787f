namespace MassGen.Evaluation.Tests.IfEval;

public sealed class KeywordCheckerTests
{
    [Theory]
    [InlineData("I love Python and rust.", true)]
    [InlineData("PYTHONIC code, RUSTY nails", true)] // not whole-word: the keyword is a pattern
    [InlineData("Only python here.", false)]
    public void Existence_KeywordsSearchedCaseInsensitivelyNotWholeWord_MatchesOfficial(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("keywords:existence", """{"keywords": ["python", "rust"]}""", response));

    [Theory]
    [InlineData("cat Cat CAT", "at least", 3, true)]
    [InlineData("cat concatenate", "at least", 2, true)] // counted inside words too
    [InlineData("cat cat", "at least", 3, false)]
    [InlineData("cat cat", "less than", 3, true)]
    [InlineData("cat cat cat", "less than", 3, false)]
    public void Frequency_CountsCaseInsensitiveMatches_AgainstRelation(string response, string relation, int frequency, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "keywords:frequency", $$"""{"keyword": " cat ", "frequency": {{frequency}}, "relation": "{{relation}}"}""", response));

    [Theory]
    [InlineData("Generative models are great.", true)] // "GENE" is not a whole word here
    [InlineData("The gene is expressed.", false)]
    [InlineData("GENE therapy", false)]
    public void ForbiddenWords_WholeWordCaseInsensitive_MatchesOfficial(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("keywords:forbidden_words", """{"forbidden_words": ["GENE"]}""", response));

    [Theory]
    [InlineData("Banana", "a", "at least", 3, true)]
    [InlineData("bAnAnA", "A", "at least", 3, true)]
    [InlineData("Banana", "a", "less than", 3, false)]
    [InlineData("Bnn", "a", "less than", 1, true)]
    public void LetterFrequency_CaseInsensitiveCount_AgainstRelation(string response, string letter, string relation, int frequency, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "keywords:letter_frequency", $$"""{"letter": "{{letter}}", "let_frequency": {{frequency}}, "let_relation": "{{relation}}"}""", response));

    [Theory]
    [InlineData("# A\n## B\n### C", true)] // six '#': the given character itself is counted, deterministically
    [InlineData("no hashes at all", false)]
    public void LetterFrequency_NonLetterArgument_CountsThatCharacterDeterministically(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "keywords:letter_frequency", """{"letter": "#", "let_frequency": 4, "let_relation": "at least"}""", response));
}
