namespace MassGen.Configuration;

/// <summary>A per-agent price in USD per million tokens (<c>price</c>, new), overriding the built-in price table.</summary>
/// <param name="InputPerMillion">Price of a million input tokens.</param>
/// <param name="OutputPerMillion">Price of a million output tokens (reasoning included).</param>
public sealed record PriceConfig(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>Price of a million cached input tokens; <c>null</c> to charge them as input.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    /// <summary>Price of a million input tokens written to the prompt cache; <c>null</c> to charge them as input.</summary>
    public decimal? CacheWriteInputPerMillion { get; init; }
}
