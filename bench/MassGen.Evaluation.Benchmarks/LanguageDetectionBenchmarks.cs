using BenchmarkDotNet.Attributes;
using MassGen.Evaluation.IfEval.Text.LanguageDetection;

namespace MassGen.Evaluation.Benchmarks;

/// <summary>
/// The IFEval language detector: reading the 55 embedded profiles (what the first language check pays), and
/// detecting a long and a short text with the profiles loaded.
/// </summary>
[MemoryDiagnoser]
public class LanguageDetectionBenchmarks
{
    private const string ShortText = "{ \"Nickname\": \"Staffy\" }";

    private NaiveBayesDetector _detector = null!;
    private string _longText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _detector = new NaiveBayesDetector(LanguageProfiles.Embedded);
        var data = IfEvalBenchmarkData.Load();
        _longText = data.Responses.Values.MaxBy(r => r.Length)!;
        _detector.Detect(_longText);
        _detector.Detect(ShortText);
    }

    [Benchmark]
    public int ReadEmbeddedProfiles()
    {
        using var stream = typeof(LanguageProfiles).Assembly.GetManifestResourceStream(LanguageProfiles.ResourceName)!;
        return LanguageProfiles.Read(stream).NgramCount;
    }

    [Benchmark]
    public string? DetectLongestResponse() => _detector.Detect(_longText).Language;

    [Benchmark]
    public string? DetectShortText() => _detector.Detect(ShortText).Language;
}
