namespace MassGen.Evaluation.IfEval.Text.LanguageDetection;

/// <summary>
/// How often one n-gram occurs in each language profile that has it (a sparse vector: most n-grams occur in a
/// few languages); the dense vector of per-language probabilities is built on first use.
/// </summary>
internal sealed class NgramCounts(string gram, byte[] languages, int[] counts)
{
    private double[]? _probabilities;

    /// <summary>The n-gram (one to three characters).</summary>
    public string Gram => gram;

    /// <summary>
    /// Per language, the count divided by the number of n-grams of this length in that profile (zero where the
    /// language lacks the n-gram), computed as the original library computes it.
    /// </summary>
    public double[] Probabilities(LanguageProfiles profiles)
    {
        // Two threads racing here build equal arrays, so no lock is needed.
        if (_probabilities is { } known)
        {
            return known;
        }

        var probabilities = new double[profiles.Languages.Count];
        for (var i = 0; i < languages.Length; i++)
        {
            probabilities[languages[i]] = 1.0 * counts[i] / profiles.Totals[languages[i]][gram.Length - 1];
        }

        _probabilities = probabilities;
        return probabilities;
    }
}
