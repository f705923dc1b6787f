using Microsoft.Extensions.AI;

namespace MassGen.Core.Results;

/// <summary>Tokens (and cost, when the provider layer priced them) of one or more model calls.</summary>
public sealed record TokenUsage
{
    /// <summary>
    /// Key in <see cref="UsageDetails.AdditionalCounts"/> under which a priced client reports the cost of a call, in
    /// billionths of a US dollar (nano-USD: integral and exact enough for per-token prices).
    /// </summary>
    public const string CostNanoUsdKey = "massgen.cost_nano_usd";

    /// <summary>
    /// Key in <see cref="UsageDetails.AdditionalCounts"/> under which Anthropic's client reports the input tokens written
    /// to the prompt cache (its <c>cache_creation_input_tokens</c>).
    /// </summary>
    public const string CacheWriteInputTokensKey = "CacheCreationInputTokens";

    /// <summary>No usage.</summary>
    public static TokenUsage Zero { get; } = new();

    /// <summary>Input (prompt) tokens, cached ones included.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens, reasoning included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Reasoning tokens (a part of <see cref="OutputTokens"/>), where the provider reports them.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Input tokens served from the provider's prompt cache (a part of <see cref="InputTokens"/>).</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>
    /// Input tokens written to the provider's prompt cache (a part of <see cref="InputTokens"/>), where the provider
    /// reports and charges them apart (Anthropic).
    /// </summary>
    public long CacheWriteInputTokens { get; init; }

    /// <summary>Cost in USD, or <c>null</c> when any part of it is unknown (never an invented price).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Sums two usages. The cost stays known only while both are known (or one side used nothing).</summary>
    public TokenUsage Add(TokenUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TokenUsage
        {
            InputTokens = InputTokens + other.InputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
            ReasoningTokens = ReasoningTokens + other.ReasoningTokens,
            CachedInputTokens = CachedInputTokens + other.CachedInputTokens,
            CacheWriteInputTokens = CacheWriteInputTokens + other.CacheWriteInputTokens,
            CostUsd = AddCost(this, other),
        };
    }

    /// <summary>Reads usage from a Microsoft.Extensions.AI <see cref="UsageDetails"/>.</summary>
    public static TokenUsage From(UsageDetails? details)
    {
        if (details is null)
        {
            return Zero;
        }

        var counts = details.AdditionalCounts;
        decimal? cost = counts is not null && counts.TryGetValue(CostNanoUsdKey, out var nano) ? nano / 1_000_000_000m : null;
        return new TokenUsage
        {
            InputTokens = details.InputTokenCount ?? 0,
            OutputTokens = details.OutputTokenCount ?? 0,
            ReasoningTokens = details.ReasoningTokenCount ?? 0,
            CachedInputTokens = details.CachedInputTokenCount ?? 0,
            CacheWriteInputTokens = counts is not null && counts.TryGetValue(CacheWriteInputTokensKey, out var written) ? written : 0,
            CostUsd = cost,
        };
    }

    private static decimal? AddCost(TokenUsage a, TokenUsage b)
    {
        if (a.TotalTokens == 0)
        {
            return b.CostUsd ?? (b.TotalTokens == 0 ? a.CostUsd : null);
        }

        if (b.TotalTokens == 0)
        {
            return a.CostUsd;
        }

        return a.CostUsd + b.CostUsd;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"in {InputTokens} (cached {CachedInputTokens}), out {OutputTokens} (reasoning {ReasoningTokens}), cost {(CostUsd is { } c ? $"${c:0.######}" : "unknown")}";
}
