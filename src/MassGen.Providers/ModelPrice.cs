namespace MassGen.Providers;

/// <summary>A model's price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Uncached input tokens.</param>
/// <param name="OutputPerMillion">Output tokens (reasoning included).</param>
/// <param name="CachedInputPerMillion">Input tokens read from the prompt cache; the input price when <c>null</c>.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion = null)
{
    /// <summary>
    /// Input tokens written to the prompt cache, where the provider charges writes apart (Anthropic: 1.25 times the
    /// input price for its default five-minute cache); the input price when <c>null</c>.
    /// </summary>
    public decimal? CacheWriteInputPerMillion { get; init; }

    /// <summary>
    /// The cost of one call in nano-USD (billionths of a dollar). <paramref name="inputTokens"/> includes
    /// <paramref name="cachedInputTokens"/> and <paramref name="cacheWriteInputTokens"/>.
    /// </summary>
    public long CostNanoUsd(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteInputTokens = 0)
    {
        var input = Math.Max(inputTokens, 0);
        var cached = Math.Clamp(cachedInputTokens, 0, input);
        var written = Math.Clamp(cacheWriteInputTokens, 0, input - cached);
        // USD per million tokens = nano-USD per 1000 tokens: tokens * price * 1000 is exact in decimal.
        var nano = ((input - cached - written) * InputPerMillion)
            + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (written * (CacheWriteInputPerMillion ?? InputPerMillion))
            + (outputTokens * OutputPerMillion);
        return (long)Math.Round(nano * 1000m, MidpointRounding.AwayFromZero);
    }
}
