namespace MassGen.Providers;

/// <summary>A model's price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Uncached input tokens.</param>
/// <param name="OutputPerMillion">Output tokens (reasoning included).</param>
/// <param name="CachedInputPerMillion">Input tokens read from the prompt cache; the input price when <c>null</c>.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion = null)
{
    /// <summary>
    /// The cost of one call in nano-USD (billionths of a dollar). <paramref name="inputTokens"/> includes
    /// <paramref name="cachedInputTokens"/>.
    /// </summary>
    public long CostNanoUsd(long inputTokens, long outputTokens, long cachedInputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, Math.Max(inputTokens, 0));
        // USD per million tokens = nano-USD per 1000 tokens: tokens * price * 1000 is exact in decimal.
        var nano = ((inputTokens - cached) * InputPerMillion)
            + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (outputTokens * OutputPerMillion);
        return (long)Math.Round(nano * 1000m, MidpointRounding.AwayFromZero);
    }
}
