using System.IO.Compression;
using System.Text;
using MassGen.Evaluation.IfEval.Text.LanguageDetection;

namespace MassGen.Evaluation.Tests.IfEval.LanguageDetection;

public sealed class NaiveBayesDetectorTests
{
    [Fact]
    public void Detect_LanguagesEquallyLikely_UnknownBelowThresholdAndFirstInProfileOrderOnATie()
    {
        // Eleven languages with the same counts: each keeps 1/11 < 0.1, so the library answers "unknown".
        var eleven = Profiles(string.Concat(Enumerable.Range(0, 11).Select(i => $"L\tl{i}\t10\t10\t10\n")), "a\t" + string.Join(' ', Enumerable.Range(0, 11).Select(i => $"{i}:5")));
        Assert.Equal(DetectionResult.Unknown, new NaiveBayesDetector(eleven).Detect("a"));

        var two = Profiles("L\tfirst\t10\t10\t10\nL\tsecond\t10\t10\t10\n", "a\t0:5 1:5");
        Assert.Equal("first", new NaiveBayesDetector(two).Detect("a").Language);
    }

    [Fact]
    public void Detect_NgramOfOneLanguageOnly_ThatLanguage()
    {
        var profiles = Profiles("L\txx\t10\t10\t10\nL\tyy\t10\t10\t10\n", "a\t0:5\nb\t1:5");
        Assert.Equal("yy", new NaiveBayesDetector(profiles).Detect("b b b").Language);
        Assert.Equal(DetectionResult.NoFeatures, new NaiveBayesDetector(profiles).Detect("c"));
    }

    [Fact]
    public void Probabilities_SameTextTwice_IdenticalBecauseSeeded()
    {
        var detector = new NaiveBayesDetector(LanguageProfiles.Embedded);
        var ngrams = NgramText.Extract("{ \"Nickname\": \"Staffy\" }", LanguageProfiles.Embedded);
        Assert.Equal(detector.Probabilities(ngrams), detector.Probabilities(ngrams));
    }

    [Fact]
    public void Detect_BorderlineShortText_SameSplitAsTheLibraryWithSeedZero()
    {
        // langdetect 1.0.9 with seed 0: [sv:0.7142847093351135, en:0.2857148442269846].
        var profiles = LanguageProfiles.Embedded;
        var probabilities = new NaiveBayesDetector(profiles).Probabilities(NgramText.Extract("{ \"Nickname\": \"Staffy\" }", profiles));
        var languages = profiles.Languages.ToList();
        Assert.Equal(0.7142847093351135, probabilities[languages.IndexOf("sv")], 1e-12);
        Assert.Equal(0.2857148442269846, probabilities[languages.IndexOf("en")], 1e-12);
    }

    [Fact]
    public void Embedded_Profiles_FiftyFiveLanguagesInFileNameOrder()
    {
        var profiles = LanguageProfiles.Embedded;
        Assert.Equal(55, profiles.Languages.Count);
        Assert.Equal(profiles.Languages.Order(StringComparer.Ordinal), profiles.Languages);
        Assert.Equal(87_598, profiles.NgramCount);
        Assert.Equal('両', profiles.IdeographClasses['乗']);
    }

    [Theory]
    [InlineData("", "header")]
    [InlineData("langdetect-profiles 2\t2\t0\n", "header")]
    [InlineData("langdetect-profiles 1\t2\t0\nL\txx\t1\t1\t1\n", "ends before line 3")]
    [InlineData("langdetect-profiles 1\t2\t0\nL\txx\t1\t1\t1\nL\tyy\t1\t1\n", "line 3 is malformed")]
    [InlineData("langdetect-profiles 1\t2\t0\nL\txx\t1\t1\t1\nL\tyy\t1\t1\t1\na\t2:5\n", "line 4 is malformed")] // no language 2
    [InlineData("langdetect-profiles 1\t2\t0\nL\txx\t1\t1\t1\nL\tyy\t1\t1\t1\nabcd\t0:5\n", "line 4 is malformed")] // longer than a trigram
    [InlineData("langdetect-profiles 1\t2\t0\nL\txx\t1\t1\t1\nL\tyy\t1\t1\t1\na\t0:5\na\t1:5\n", "line 5 is malformed")] // repeated
    public void Read_MalformedData_InvalidDataExceptionSayingWhere(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => LanguageProfiles.Read(Gzip(text)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static LanguageProfiles Profiles(string languageLines, string gramLines) =>
        LanguageProfiles.Read(Gzip($"langdetect-profiles 1\t{languageLines.Count(c => c == '\n')}\t0\n{languageLines}{gramLines}\n"));

    private static MemoryStream Gzip(string text)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        stream.Position = 0;
        return stream;
    }
}
