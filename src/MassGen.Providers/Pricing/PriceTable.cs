using System.Text.RegularExpressions;

namespace MassGen.Providers.Pricing;

/// <summary>
/// List prices of well-known models in US dollars per million tokens, for standard (not batch, not priority)
/// requests. Source: each provider's public pricing page (OpenAI API pricing, Anthropic Claude pricing, Google Gemini
/// API pricing, xAI, DeepSeek, Mistral, Moonshot and Z.ai pricing pages), as read on <see cref="AsOf"/>. Prices change:
/// a wrong or missing entry is fixed here or overridden per agent with <c>price:</c>. A model not listed has no
/// price, and its cost is reported as unknown rather than guessed.
/// </summary>
public static partial class PriceTable
{
    /// <summary>The date the prices were read.</summary>
    public static DateOnly AsOf { get; } = new(2025, 11, 1);

    private static readonly Dictionary<string, ModelPrice> s_prices = new(StringComparer.OrdinalIgnoreCase)
    {
        // OpenAI
        ["gpt-5"] = new(1.25m, 10.00m, 0.125m),
        ["gpt-5-mini"] = new(0.25m, 2.00m, 0.025m),
        ["gpt-5-nano"] = new(0.05m, 0.40m, 0.005m),
        ["gpt-4.1"] = new(2.00m, 8.00m, 0.50m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m, 0.10m),
        ["gpt-4.1-nano"] = new(0.10m, 0.40m, 0.025m),
        ["gpt-4o"] = new(2.50m, 10.00m, 1.25m),
        ["gpt-4o-mini"] = new(0.15m, 0.60m, 0.075m),
        ["o3"] = new(2.00m, 8.00m, 0.50m),
        ["o4-mini"] = new(1.10m, 4.40m, 0.275m),

        // Anthropic: cache reads at a tenth of the input price, cache writes (the five-minute cache our breakpoints
        // ask for) at 1.25 times the input price.
        ["claude-opus-4-1"] = new(15.00m, 75.00m, 1.50m) { CacheWriteInputPerMillion = 18.75m },
        ["claude-opus-4"] = new(15.00m, 75.00m, 1.50m) { CacheWriteInputPerMillion = 18.75m },
        ["claude-sonnet-4-5"] = new(3.00m, 15.00m, 0.30m) { CacheWriteInputPerMillion = 3.75m },
        ["claude-sonnet-4"] = new(3.00m, 15.00m, 0.30m) { CacheWriteInputPerMillion = 3.75m },
        ["claude-haiku-4-5"] = new(1.00m, 5.00m, 0.10m) { CacheWriteInputPerMillion = 1.25m },
        ["claude-3-5-haiku"] = new(0.80m, 4.00m, 0.08m) { CacheWriteInputPerMillion = 1.00m },

        // Google, read again in December 2025 (prompts up to 200k tokens; cached input is the context-caching read price;
        // thoughts are billed as output)
        ["gemini-3-pro-preview"] = new(2.00m, 12.00m, 0.20m),
        ["gemini-3-flash-preview"] = new(0.50m, 3.00m, 0.05m),
        ["gemini-2.5-pro"] = new(1.25m, 10.00m, 0.125m),
        ["gemini-2.5-flash"] = new(0.30m, 2.50m, 0.03m),
        ["gemini-2.5-flash-lite"] = new(0.10m, 0.40m, 0.01m),
        ["gemini-2.0-flash"] = new(0.10m, 0.40m, 0.025m),
        ["gemini-2.0-flash-lite"] = new(0.075m, 0.30m),

        // xAI
        ["grok-4"] = new(3.00m, 15.00m, 0.75m),
        ["grok-3-mini"] = new(0.30m, 0.50m, 0.075m),

        // Others
        ["deepseek-chat"] = new(0.28m, 0.42m, 0.028m),
        ["deepseek-reasoner"] = new(0.28m, 0.42m, 0.028m),
        ["mistral-medium-latest"] = new(0.40m, 2.00m),
        ["kimi-k2-0905-preview"] = new(0.60m, 2.50m, 0.15m),
        ["glm-4.5"] = new(0.60m, 2.20m, 0.11m),
    };

    /// <summary>Every listed model and its price.</summary>
    public static IReadOnlyDictionary<string, ModelPrice> Entries => s_prices;

    /// <summary>
    /// The price of <paramref name="model"/>: an exact entry, or an entry followed by a dated snapshot suffix
    /// (<c>gpt-5-mini-2025-08-07</c>, <c>claude-sonnet-4-5-20250929</c>). <c>null</c> when unknown.
    /// </summary>
    public static ModelPrice? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        if (s_prices.TryGetValue(model, out var exact))
        {
            return exact;
        }

        var match = DatedSnapshot().Match(model);
        return match.Success && s_prices.TryGetValue(match.Groups["base"].Value, out var dated) ? dated : null;
    }

    /// <summary>The price to use: the agent's override, else the table's entry, else <c>null</c> (unknown).</summary>
    public static ModelPrice? Resolve(string? model, ModelPrice? overridePrice) => overridePrice ?? Find(model);

    [GeneratedRegex(@"^(?<base>.+?)-(\d{4}-\d{2}-\d{2}|\d{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSnapshot();
}
