namespace MassGen.Configuration;

/// <summary>The <c>budget</c> section (new): hard ceilings with a wrap-up phase (COORDINATION.md §6).</summary>
public sealed record BudgetConfig
{
    /// <summary><c>max_total_tokens</c> across all agents; <c>null</c> for none.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary><c>max_cost_usd</c> across all agents; <c>null</c> for none.</summary>
    public decimal? MaxCostUsd { get; init; }
}
