using CsCheck;
using MassGen.Evaluation.IfEval.Text;
using MassGen.Evaluation.IfEval.Text.LanguageDetection;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.IfEval.LanguageDetection;

/// <summary>
/// The identifier against the answers of the original Python library (langdetect 1.0.9, profiles in file-name
/// order, <c>DetectorFactory.seed = 0</c>) for the same texts.
/// </summary>
public sealed class NgramLanguageIdentifierTests
{
    [Theory]
    [InlineData("The weather is nice today and we are going for a long walk in the park.", "en")]
    [InlineData("Hoy voy a comprar un iPhone en la tienda de Apple con mis amigos.", "es")]
    [InlineData("We visited the Champs-Élysées with Jean-Pierre during our trip to the city last summer.", "en")]
    [InlineData("Das Wetter ist heute sehr schön und wir gehen im Park spazieren.", "de")]
    [InlineData("Ceci est un texte écrit en français pour le test.", "fr")]
    [InlineData("Привет, как дела? Я живу в Москве.", "ru")]
    [InlineData("ಕನ್ನಡ ಒಂದು ಸುಂದರ ಭಾಷೆ ಮತ್ತು ಇದನ್ನು ಕರ್ನಾಟಕದಲ್ಲಿ ಮಾತನಾಡುತ್ತಾರೆ.", "kn")]
    [InlineData("म नेपाली भाषा बोल्छु र यो मेरो मातृभाषा हो। हामी काठमाडौंमा बस्छौं र यहाँ धेरै मानिसहरू छन्।", "ne")]
    [InlineData("मैं हिंदी बोलता हूं और यह मेरी मातृभाषा है। हम दिल्ली में रहते हैं और यहां बहुत लोग हैं।", "hi")]
    [InlineData("Tôi yêu Việt Nam và con người ở đây rất thân thiện.", "vi")]
    [InlineData("今日はとても良い天気ですね。散歩に行きましょう。", "ja")]
    [InlineData("我们今天去公园散步，天气非常好。", "zh-cn")]
    [InlineData("안녕하세요", "ko")]
    [InlineData("สวัสดีครับ", "th")]
    [InlineData("Mail me at someone@example.com or see https://example.com/path now please", "en")]
    [InlineData("THIS IS ALL CAPS AND SHOULD BE ENGLISH", "en")]
    [InlineData("𝐀𝐁𝐂 emoji 😀 text in english with some words", "en")]
    [InlineData("YES", "cy")] // short texts get whatever their few n-grams say, as in the official checker
    [InlineData("etchings", "de")]
    [InlineData("x", "so")]
    [InlineData("\"coastal elegance properties\"", "es")]
    [InlineData("{ \"Nickname\": \"Staffy\" }", "sv")]
    [InlineData("<<Double Edge>>", "en")]
    public void Identify_KnownText_SameLanguageAsTheOriginalLibrary(string text, string expected) =>
        Assert.Equal(expected, NgramLanguageIdentifier.Instance.Identify(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345 !!! ???")]
    public void Identify_NoLetters_Null(string text) => Assert.Null(NgramLanguageIdentifier.Instance.Identify(text));

    [Fact]
    public void Identify_AnyString_NeverThrowsAndAnswersAProfileLanguageUndeterminedOrNull()
    {
        var known = LanguageProfiles.Embedded.Languages.Append(ILanguageIdentifier.Undetermined).ToHashSet(StringComparer.Ordinal);
        var text = PropertyCheck.Weighted(
            (3, Gen.String),
            (3, Gen.Char[(char)0, (char)0x33FF].Array[0, 200].Select(c => new string(c))),
            (2, Gen.Char.Array[0, 200].Select(c => new string(c))), // any UTF-16 unit, lone surrogates included
            (1, Gen.Char["aAé \u0300\u0323\u1EA0@:/.-_"].Array[0, 100].Select(c => "https://x.io " + new string(c) + "a@b.cd")));
        PropertyCheck.ForAll(text, iterations: 500, seed: 9_001, t =>
        {
            var language = NgramLanguageIdentifier.Instance.Identify(t);
            Assert.True(language is null || known.Contains(language), $"unexpected answer '{language}'");
        });
    }
}
