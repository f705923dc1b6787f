using MassGen.Evaluation.IfEval.Text.LanguageDetection;

namespace MassGen.Evaluation.Tests.IfEval.LanguageDetection;

/// <summary>
/// The n-grams drawn from a text, compared with the lists the original Python library (langdetect 1.0.9)
/// extracts from the same texts with the same profiles.
/// </summary>
public sealed class NgramTextTests
{
    [Theory]
    [InlineData("NASA is big", "N| N|A |SA |i| i|s|is| is|s |is |b| b|i|bi| bi|g|ig|big")] // capitals after a word's first letter are skipped
    [InlineData("WHEN IT COMES TO SNEAKERS", "W| W|N |I| I|T |IT |C| C|S |ES |T| T|O |TO |S| S")]
    [InlineData("{ \"Nickname\": \"Staffy\" }",
        "N| N|i|Ni| Ni|c|ic|Nic|k|ck|ick|n|kn|ckn|a|na|kna|m|am|nam|e|me|ame|e |me |S| S|t|St| St|a|ta|Sta|f|af|taf|f|ff|aff|y|fy|ffy|y |fy ")]
    [InlineData("Toi yeu Vie\u0323t", "T| T|o|To| To|i|oi|Toi|i |oi |y| y|e|ye| ye|u|eu|u |eu |V| V|i|Vi| Vi|ể|iể|Viể|t|ểt|iểt")] // e + dot below composed, then folded
    [InlineData("see https://example.com/a?b=c now", "s| s|e|se| se|e|ee|see|e |ee |n| n|o|no| no|w|ow|now")] // the URL is dropped
    [InlineData("mail a.b@example.com ok", "m| m|a|ma| ma|i|ai|mai|l|il|ail|l |il |o| o|k|ok| ok")] // the address is dropped
    [InlineData("Ștefan ține", "Ș| Ș|t|Șt| Șt|e|te|Ște|f|ef|tef|a|fa|efa|n|an|fan|n |an |ţ| ţ|i|ţi| ţi|n|in|ţin|e|ne|ine")] // comma below becomes cedilla (small letters)
    [InlineData("ひらがな カタカナ", "あ| あ|あ|ああ| ああ|あ|ああ|あああ|あ|ああ|あああ|あ |ああ |ア| ア|ア|アア| アア|ア|アア|アアア|ア|アア|アアア")] // kana fold to one letter each
    [InlineData("\u4e57\u4f1d", "両| 両|両")] // ideographs fold to their class's representative
    [InlineData("Привет мир и все друзья hi",
        "П| П|р|Пр| Пр|и|ри|При|в|ив|рив|е|ве|иве|т|ет|вет|т |ет |м| м|и|ми| ми|р|ир|мир|р |ир |и| и|и | и |в| в|с|вс| вс|е|се|все|е |се |д| д|р|др| др|у|ру|дру|з|уз|ь|зь|узь|я|ья|я |ья ")] // Latin dropped from a Cyrillic text
    public void Extract_Text_SameNgramsAsTheOriginalLibrary(string text, string expected) =>
        Assert.Equal(expected.Split('|'), NgramText.Extract(text, LanguageProfiles.Embedded).Select(n => n.Gram));

    [Theory]
    [InlineData("")]
    [InlineData("12345 !!! ???")]
    [InlineData("\u4f7c\u6934")] // ideographs no profile has
    public void Extract_NothingAnyProfileKnows_Empty(string text) =>
        Assert.Empty(NgramText.Extract(text, LanguageProfiles.Embedded));

    [Fact]
    public void Extract_LongText_OnlyTheFirstTenThousandCharactersCount()
    {
        var text = new string('a', 10_000) + " Привет";
        Assert.DoesNotContain(NgramText.Extract(text, LanguageProfiles.Embedded), n => n.Gram.Contains('П', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData('A', true)]
    [InlineData('a', false)]
    [InlineData('Ω', true)]
    [InlineData('\u2160', true)] // Roman numeral one: Other_Uppercase, upper for Python
    [InlineData('\u24B6', true)] // circled A, likewise
    [InlineData('1', false)]
    public void IsUpper_Character_AsPythonStrIsUpper(char c, bool expected) => Assert.Equal(expected, NgramText.IsUpper(c));
}
