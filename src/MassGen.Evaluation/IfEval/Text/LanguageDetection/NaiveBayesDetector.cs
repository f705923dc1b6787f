namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// The language-detection algorithm of Nakatani Shuyo (Cybozu Labs), as the official IFEval checker runs it
/// through the Python library langdetect: seven trials, each starting from equal probabilities and
/// multiplying in the smoothed profile probabilities of randomly drawn n-grams of the text until one language
/// holds more than 0.99999 of the mass (checked every fifth draw) or 1,000 draws are done; the trials are
/// averaged and the most probable language above 0.1 wins. The draws come from the seeded generator, so a
/// text is always given the same language.
/// </summary>
internal sealed class NaiveBayesDetector(LanguageProfiles profiles, uint seed = 0)
{
    private const double Alpha = 0.5;
    private const double AlphaWidth = 0.05;
    private const int Trials = 7;
    private const int IterationLimit = 1000;
    private const double ProbabilityThreshold = 0.1;
    private const double ConvergenceThreshold = 0.99999;
    private const double BaseFrequency = 10000;

    /// <summary>What the library's <c>detect</c> would answer about <paramref name="text"/>.</summary>
    public DetectionResult Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ngrams = NgramText.Extract(text, profiles);
        if (ngrams.Count == 0)
        {
            return DetectionResult.NoFeatures;
        }

        var probabilities = Probabilities(ngrams);
        var best = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            // Strictly greater: of equal probabilities the first in profile order wins, as the library's stable sort does.
            if (probabilities[i] > ProbabilityThreshold && (best < 0 || probabilities[i] > probabilities[best]))
            {
                best = i;
            }
        }

        return best < 0 ? DetectionResult.Unknown : new DetectionResult(profiles.Languages[best]);
    }

    /// <summary>The averaged per-language probabilities (profile order) over the trials.</summary>
    internal double[] Probabilities(List<NgramCounts> ngrams)
    {
        var languages = profiles.Languages.Count;
        var average = new double[languages];
        var probability = new double[languages];
        var random = new PythonRandom(seed);
        for (var trial = 0; trial < Trials; trial++)
        {
            Array.Fill(probability, 1.0 / languages);
            var alpha = Alpha + (random.Gauss(0.0, 1.0) * AlphaWidth);
            var weight = alpha / BaseFrequency;
            for (var i = 0; ; i++)
            {
                var word = ngrams[random.ChoiceIndex(ngrams.Count)].Probabilities(profiles);
                for (var j = 0; j < languages; j++)
                {
                    probability[j] *= weight + word[j];
                }

                if (i % 5 == 0 && (Normalize(probability) > ConvergenceThreshold || i >= IterationLimit))
                {
                    break;
                }
            }

            for (var j = 0; j < languages; j++)
            {
                average[j] += probability[j] / Trials;
            }
        }

        return average;
    }

    /// <summary>Scales the probabilities to sum 1 (summed left to right, as Python's sum) and returns the largest.</summary>
    private static double Normalize(double[] probability)
    {
        var sum = 0.0;
        foreach (var p in probability)
        {
            sum += p;
        }

        var max = 0.0;
        for (var i = 0; i < probability.Length; i++)
        {
            var p = probability[i] / sum;
            max = Math.Max(max, p);
            probability[i] = p;
        }

        return max;
    }
}
