using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.Tests.IfEval;

public sealed class PunktSentenceTokenizerTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("One sentence without a period", 1)]
    [InlineData("First one. Second one.", 2)]
    [InlineData("Mr. Smith went to Washington. He liked it.", 2)] // known abbreviation
    [InlineData("Prices rose 3.5 percent in the U.S. last year.", 1)]
    [InlineData("Very bad acting!!! I promise.", 2)] // repeated marks end one sentence
    [InlineData("(How does it deal with this parenthesis?) \"It should be part of the previous sentence.\"", 2)]
    [InlineData("1. first item\n2. second item", 1)] // an ordinal before a lower-case word is not a boundary
    [InlineData("The list:\n\n* Eggs.\n* Milk.", 2)] // no period after "list:", so no boundary there
    [InlineData("e.g. this is one sentence, i.e. really.", 3)] // "e.g" and "i.e" are not in the pretrained abbreviations
    public void CountSentences_Text_MatchesPunkt(string text, int expected) =>
        Assert.Equal(expected, PunktSentenceTokenizer.CountSentences(text));
}
