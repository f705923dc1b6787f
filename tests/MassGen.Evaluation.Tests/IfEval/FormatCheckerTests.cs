namespace MassGen.Evaluation.Tests.IfEval;

public sealed class FormatCheckerTests
{
    [Theory]
    [InlineData("* one\n* two", 2, true)]
    [InlineData("- one\n-two", 2, true)] // with or without a space
    [InlineData("*one\n  * two\n- three", 3, true)]
    [InlineData("text with *inline* asterisks\n* one", 1, true)]
    [InlineData("***\n* one\n***", 1, true)] // dividers are not bullets
    [InlineData("* one\n* two\n* three", 2, false)]
    public void BulletLists_LineStartBullets_ExactCount(string response, int bullets, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_format:number_bullet_lists", $$"""{"num_bullets": {{bullets}}}""", response));

    [Theory]
    [InlineData("My answer is no.", true)]
    [InlineData("\n  My answer is no.  \n", true)]
    [InlineData("My answer is maybe. Because reasons.", true)]
    [InlineData("My answer is: no.", false)]
    public void ConstrainedResponse_OneOfTheOptions_Accepted(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_format:constrained_response", "{}", response));

    [Theory]
    [InlineData("*one* and **two**", 2, true)]
    [InlineData("*one* *two* on a line", 2, true)]
    [InlineData("*unterminated line\nnext* line", 1, false)]
    [InlineData("* * blank highlight", 1, false)]
    [InlineData("**bold**", 1, true)] // the double pattern counts it; the single one only sees empty "**" pairs
    [InlineData("**bold**", 2, false)]
    public void HighlightedSections_SingleAndDoubleAsterisks_AtLeast(string response, int minimum, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_format:number_highlighted_sections", $$"""{"num_highlights": {{minimum}}}""", response));

    [Theory]
    [InlineData("Section 1\nA\nSection 2\nB", "Section", true)]
    [InlineData("SECTION 1\nA\nSECTION 2\nB", "Section", false)] // case-sensitive
    [InlineData("Section one\nA\nSection two\nB", "Section", false)] // needs a number
    [InlineData("Section 1 A Section 2 B Section 3 C", "Section", true)] // at least
    public void MultipleSections_SplitterFollowedByNumber_AtLeast(string response, string splitter, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows(
            "detectable_format:multiple_sections", $$"""{"section_spliter": "{{splitter}}", "num_sections": 2}""", response));

    [Theory]
    [InlineData("{\"a\": 1}", true)]
    [InlineData("```json\n{\"a\": [1, 2]}\n```", true)]
    [InlineData("```\n[1, 2]\n```", true)]
    [InlineData("Here is JSON: {\"a\": 1}", false)]
    [InlineData("{\"a\": 1,}", false)]
    public void JsonFormat_WholeResponseWithoutFences_MustParse(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_format:json_format", "{}", response));

    [Theory]
    [InlineData("<<My Title>>\nText", true)]
    [InlineData("Text then <<title>> later", true)]
    [InlineData("<<   >>\nText", false)]
    [InlineData("<<split\ntitle>>", false)]
    public void Title_DoubleAngleBracketsOnOneLine_Required(string response, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_format:title", "{}", response));

    [Theory]
    [InlineData("Dear [name], at [address] on [date] with [item] and [x].", 5, true)]
    [InlineData("[a] [b] [c] [d] [e] [f]", 7, false)]
    public void Placeholders_SquareBrackets_AtLeast(string response, int minimum, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_content:number_placeholders", $$"""{"num_placeholders": {{minimum}}}""", response));

    [Theory]
    [InlineData("Body.\nP.S. more", "P.S.", true)]
    [InlineData("Body. p.s. lower case mid-line", "P.S.", true)]
    [InlineData("Body.\nP. S. spaced", "P.S.", true)]
    [InlineData("Body.\nPS: not a marker", "P.S.", false)]
    [InlineData("Body.\nP.P.S again", "P.P.S", true)]
    [InlineData("Body.\nP.S. only single", "P.P.S", false)]
    public void Postscript_Marker_CaseInsensitiveVariants(string response, string marker, bool expected) =>
        Assert.Equal(expected, CheckerHarness.Follows("detectable_content:postscript", $$"""{"postscript_marker": "{{marker}}"}""", response));
}
