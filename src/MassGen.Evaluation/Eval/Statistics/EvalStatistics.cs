using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace MassGen.Evaluation.Eval.Statistics;

/// <summary>
/// The eval's statistics: Wilson intervals, the exact McNemar test, the paired percentile bootstrap and Holm's
/// correction. Distributions come from Math.NET Numerics.
/// </summary>
internal static class EvalStatistics
{
    /// <summary>The 97.5 % quantile of the standard normal distribution (two-sided 95 %).</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>The Wilson score interval of <paramref name="correct"/> out of <paramref name="n"/> at 95 %; null when n is 0.</summary>
    public static (double Low, double High)? Wilson(int correct, int n)
    {
        if (n <= 0)
        {
            return null;
        }

        var p = (double)correct / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2.0 * n))) / denominator;
        var half = Z95 / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The two-sided exact McNemar p-value for <paramref name="onlyA"/> and <paramref name="onlyB"/> discordant pairs:
    /// twice the binomial(b + c, ½) tail of the smaller count, at most 1; 1 without discordant pairs.
    /// </summary>
    public static double McNemarExact(int onlyA, int onlyB)
    {
        var n = onlyA + onlyB;
        return n == 0 ? 1.0 : Math.Min(1.0, 2.0 * Binomial.CDF(0.5, n, Math.Min(onlyA, onlyB)));
    }

    /// <summary>
    /// The percentile interval (2.5 %, 97.5 %) of the accuracy difference A − B over <paramref name="resamples"/> paired
    /// bootstrap resamples of the pairs, drawn with <see cref="Random"/> seeded by <paramref name="seed"/>; null without pairs.
    /// </summary>
    public static (double Low, double High)? PairedBootstrap(IReadOnlyList<bool> a, IReadOnlyList<bool> b, int resamples, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("The paired outcomes differ in length.", nameof(b));
        }

        var n = a.Count;
        if (n == 0)
        {
            return null;
        }

        var differences = new int[n];
        for (var i = 0; i < n; i++)
        {
            differences[i] = (a[i] ? 1 : 0) - (b[i] ? 1 : 0);
        }

        var random = new Random(seed);
        var estimates = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += differences[random.Next(n)];
            }

            estimates[r] = (double)sum / n;
        }

        Array.Sort(estimates);
        return (SortedArrayStatistics.QuantileCustom(estimates, 0.025, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(estimates, 0.975, QuantileDefinition.R7));
    }

    /// <summary>Holm's step-down adjusted p-values, in the order given: the family is every p-value passed.</summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1.0, (m - rank) * p[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }
}
