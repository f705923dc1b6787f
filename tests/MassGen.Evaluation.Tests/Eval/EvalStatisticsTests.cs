using MassGen.Evaluation.Eval.Statistics;

namespace MassGen.Evaluation.Tests.Eval;

public sealed class EvalStatisticsTests
{
    [Fact]
    public void Z95_IsTheExactNormalQuantile() => Assert.Equal(1.959963984540054, EvalStatistics.Z95, 15);

    [Theory]
    [InlineData(7, 10)]
    [InlineData(0, 12)]
    [InlineData(20, 20)]
    [InlineData(419, 541)]
    public void Wilson_Counts_MatchTheClosedForm(int correct, int n)
    {
        // Wilson's score interval written out independently: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
        const double z = 1.959963984540054;
        var p = (double)correct / n;
        var low = (p + (z * z / (2 * n)) - (z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))))) / (1 + (z * z / n));
        var high = (p + (z * z / (2 * n)) + (z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))))) / (1 + (z * z / n));

        var interval = EvalStatistics.Wilson(correct, n)!.Value;

        Assert.Equal(Math.Max(0, low), interval.Low, 12);
        Assert.Equal(Math.Min(1, high), interval.High, 12);
    }

    [Fact]
    public void Wilson_SevenOfTen_IsTheTabulatedInterval()
    {
        var interval = EvalStatistics.Wilson(7, 10)!.Value;

        // Published value of the Wilson interval for 7/10: 0.3968 to 0.8922.
        Assert.Equal(0.3968, interval.Low, 4);
        Assert.Equal(0.8922, interval.High, 4);
    }

    [Fact]
    public void Wilson_NoItems_IsNull() => Assert.Null(EvalStatistics.Wilson(0, 0));

    [Theory]
    [InlineData(10, 2, 0.03857421875)]      // 2·(C(12,0)+C(12,1)+C(12,2))/2^12 = 2·79/4096
    [InlineData(2, 10, 0.03857421875)]
    [InlineData(4, 1, 0.375)]               // 2·6/32
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 5, 1.0)]                 // the doubled tail passes 1
    [InlineData(0, 7, 0.015625)]            // 2/128
    public void McNemarExact_DiscordantCounts_MatchesTheBinomialTail(int b, int c, double expected) =>
        Assert.Equal(expected, EvalStatistics.McNemarExact(b, c), 14);

    [Fact]
    public void Holm_ThreeComparisons_StepsDownAndKeepsTheOrder()
    {
        // Sorted 0.01, 0.03, 0.04 -> 3·0.01, max(0.03, 2·0.03), max(0.06, 1·0.04).
        var adjusted = EvalStatistics.Holm([0.01, 0.04, 0.03]);

        Assert.Equal([0.03, 0.06, 0.06], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Holm_LargeP_IsCappedAtOne() => Assert.Equal([1.0, 1.0], EvalStatistics.Holm([0.6, 0.7]));

    [Fact]
    public void PairedBootstrap_SameSeed_GivesTheSameInterval()
    {
        bool[] a = [.. Enumerable.Range(0, 40).Select(i => i % 3 != 0)];
        bool[] b = [.. Enumerable.Range(0, 40).Select(i => i % 4 != 0)];

        var first = EvalStatistics.PairedBootstrap(a, b, 10_000, 12345)!.Value;
        var second = EvalStatistics.PairedBootstrap(a, b, 10_000, 12345)!.Value;

        Assert.Equal(first, second);

        // 6 pairs only A, 10 only B of 40: difference -0.1 with a standard error of sqrt(16/40 - 0.01)/sqrt(40) ≈ 0.099,
        // so the interval is about -0.1 ± 0.19 (on the grid of 1/40 steps the resampled means take).
        Assert.InRange(first.Low, -0.325, -0.25);
        Assert.InRange(first.High, 0.05, 0.125);
    }

    [Fact]
    public void PairedBootstrap_EveryPairTheSameDifference_IsThatPoint()
    {
        var interval = EvalStatistics.PairedBootstrap([true, true, true], [false, false, false], 1000, 1)!.Value;

        Assert.Equal((1.0, 1.0), interval);
    }

    [Fact]
    public void PairedBootstrap_NoPairs_IsNull() => Assert.Null(EvalStatistics.PairedBootstrap([], [], 100, 1));
}
