using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Tests.IfEval;

public sealed class InstructionArgumentsTests
{
    [Fact]
    public void Ids_AllTwentyFiveOfficialIds_Supported() => Assert.Equal(25, IfEvalInstructions.Ids.Count);

    [Fact]
    public void Create_UnknownId_ErrorListsKnownIds()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CheckerHarness.Follows("keywords:nonsense", "{}", "x"));
        Assert.Contains("Unknown instruction id 'keywords:nonsense'", e.Message, StringComparison.Ordinal);
        Assert.Contains("keywords:existence", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingArgument_ErrorNamesIt()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CheckerHarness.Follows("length_constraints:number_words", """{"relation": "at least"}""", "x"));
        Assert.Contains("'num_words'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownRelation_ErrorSaysWhatIsAllowed()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CheckerHarness.Follows(
            "length_constraints:number_words", """{"num_words": 3, "relation": "at most"}""", "x"));
        Assert.Contains("\"less than\" or \"at least\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExtraArgument_Rejected()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CheckerHarness.Follows("punctuation:no_comma", """{"comma": 1}""", "x"));
        Assert.Contains("does not take the argument(s) comma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NullArgument_TreatedAsAbsent() =>
        Assert.True(CheckerHarness.Follows("punctuation:no_comma", """{"comma": null}""", "x"));

    [Fact]
    public void CategoryOf_Id_IsPartBeforeColon() => Assert.Equal("keywords", IfEvalInstructions.CategoryOf("keywords:frequency"));

    [Fact]
    public void Create_InvalidKeywordPattern_ErrorExplains()
    {
        var e = Assert.Throws<EvaluationDataException>(() => CheckerHarness.Follows("keywords:existence", """{"keywords": ["(unclosed"]}""", "x"));
        Assert.Contains("is not a valid pattern", e.Message, StringComparison.Ordinal);
    }
}
