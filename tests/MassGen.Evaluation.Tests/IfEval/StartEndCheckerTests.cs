namespace MassGen.Evaluation.Tests.IfEval;

public sealed class StartEndCheckerTests
{
    [Theory]
    [InlineData("Some text. Any other questions?", true)]
    [InlineData("\"Some text. any other QUESTIONS?\"  \n", true)] // quotes and whitespace stripped, any case
    [InlineData("Any other questions? Yes.", false)]
    public void EndChecker_EndsWithPhrase_AfterStripping(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("startend:end_checker", """{"end_phrase": "Any other questions?"}""", response));

    [Theory]
    [InlineData("\"quoted\"", true)]
    [InlineData("  \"quoted\"\n", true)]
    [InlineData("\"", false)]
    [InlineData("\"open only", false)]
    public void Quotation_WholeResponseInDoubleQuotes_Required(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("startend:quotation", "{}", response));

    [Theory]
    [InlineData("no commas here", true)]
    [InlineData("one, two", false)]
    public void NoComma_AnyComma_Fails(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("punctuation:no_comma", "{}", response));

    [Theory]
    [InlineData("Write a poem about cats. Here is the poem.", true)]
    [InlineData("  WRITE A POEM ABOUT CATS. and more", true)]
    [InlineData("Sure! Write a poem about cats.", false)]
    public void RepeatPrompt_StartsWithRequest_IgnoringCase(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("combination:repeat_prompt", """{"prompt_to_repeat": "Write a poem about cats."}""", response));

    [Theory]
    [InlineData("First answer.\n******\nSecond answer.", true)]
    [InlineData("******\nFirst answer.\n******\nSecond answer.\n******", true)] // empty ends tolerated
    [InlineData("First.\n******\n******\nSecond.", false)] // empty middle part
    [InlineData("Same.\n******\nSame.", false)]
    [InlineData("A.\n******\nB.\n******\nC.", false)]
    public void TwoResponses_TwoDifferentParts_Required(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("combination:two_responses", "{}", response));
}
