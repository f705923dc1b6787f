namespace MassGen.Evaluation.Tests.IfEval;

public sealed class LengthCheckerTests
{
    [Theory]
    [InlineData("xx,x. xx,x. xx,x.", "less than", 4, true)] // commas inside words do not split sentences
    [InlineData("xx,x. xx,x. xx,x. xx,x.", "at least", 4, true)]
    [InlineData("xx,x. xx,x. xx,x. xx,x.", "less than", 4, false)]
    [InlineData("Mr. Smith met Dr. Jones. They talked.", "less than", 3, true)] // known abbreviations
    [InlineData("It costs 3.5 dollars. Buy it!", "less than", 3, true)]
    [InlineData("Really? Yes! Fine.", "at least", 3, true)]
    public void NumberOfSentences_PunktCount_AgainstRelation(string response, string relation, int count, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "length_constraints:number_sentences", $$"""{"num_sentences": {{count}}, "relation": "{{relation}}"}""", response));

    [Theory]
    [InlineData("h3ll0 w0rld, it's me", "at least", 5, true)] // leetspeak are words; "it's" is two \w runs
    [InlineData("one two three", "less than", 3, false)]
    [InlineData("one-two three", "at least", 3, true)]
    [InlineData("one two", "less than", 3, true)]
    public void NumberOfWords_CountsWordCharacterRuns_AgainstRelation(string response, string relation, int count, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "length_constraints:number_words", $$"""{"num_words": {{count}}, "relation": "{{relation}}"}""", response));

    [Theory]
    [InlineData("first\n***\nsecond\n***\nthird", true)]
    [InlineData("***\nfirst\n***\nsecond\n***\nthird\n***", true)] // leading and trailing dividers tolerated
    [InlineData("  *** first *** second *** third", true)] // indented divider
    [InlineData("first\n***\n***\nsecond\n***\nthird", false)] // an empty paragraph between dividers fails
    [InlineData("first\n***\nsecond", false)]
    public void NumberOfParagraphs_DividerSeparated_ExactCount(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("length_constraints:number_paragraphs", """{"num_paragraphs": 3}""", response));

    [Theory]
    [InlineData("Intro here.\n\nSummer is warm.\n\nEnd.", true)]
    [InlineData("Intro here.\n\n\"summer, they said.\n\nEnd.", true)] // leading quote stripped, word ends at punctuation
    [InlineData("Intro here.\n\nSUMMER is warm.\n\nEnd.", true)] // case-insensitive
    [InlineData("Intro here.\n\nsum.mer is warm.\n\nEnd.", false)] // inner punctuation cuts the word
    [InlineData("Intro here.\n\nWinter is cold.\n\nEnd.", false)]
    [InlineData("Intro here.\n\nSummer is warm.", false)] // paragraph count must match
    public void NthParagraphFirstWord_BlankLineParagraphs_ChecksCountAndWord(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "length_constraints:nth_paragraph_first_word", """{"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "summer"}""", response));
}
