using MassGen.Testing;
using MassGen.Providers.Pricing;

namespace MassGen.Providers.Tests;

public sealed class PriceTableTests
{
    [Theory]
    [InlineData("gpt-5-mini", 0.25)]
    [InlineData("gpt-5-mini-2025-08-07", 0.25)]
    [InlineData("claude-sonnet-4-5-20250929", 3.00)]
    [InlineData("GPT-5", 1.25)]
    public void Find_KnownOrDatedSnapshot_ReturnsEntry(string model, double input)
    {
        Assert.Equal((decimal)input, PriceTable.Find(model)!.InputPerMillion);
    }

    [Theory]
    [InlineData("gpt-5-pro")]
    [InlineData("openai/gpt-5-mini")]
    [InlineData("my-finetune")]
    [InlineData("")]
    public void Find_UnknownModel_NoInventedPrice(string model)
    {
        Assert.Null(PriceTable.Find(model));
    }

    [Fact]
    public void Resolve_Override_WinsOverTable()
    {
        var custom = new ModelPrice(9, 9);

        Assert.Same(custom, PriceTable.Resolve("gpt-5", custom));
    }

    [Fact]
    public void CostNanoUsd_CachedTokensAtCachedPrice()
    {
        var price = new ModelPrice(1.25m, 10m, 0.125m);

        // 1,000,000 in of which 200,000 cached, 100,000 out: 0.8 × 1.25 + 0.2 × 0.125 + 0.1 × 10 = $2.025.
        Assert.Equal(2_025_000_000, price.CostNanoUsd(1_000_000, 100_000, 200_000));
    }

    [Fact]
    public void CostNanoUsd_CacheWritesAtCacheWritePrice()
    {
        var price = PriceTable.Find("claude-sonnet-4-5")!;

        // 1,000,000 in: 500,000 written to the cache, 300,000 read from it, 200,000 plain; 10,000 out:
        // 0.5 × 3.75 + 0.3 × 0.30 + 0.2 × 3 + 0.01 × 15 = 1.875 + 0.09 + 0.6 + 0.15 = $2.715.
        Assert.Equal(2_715_000_000, price.CostNanoUsd(1_000_000, 10_000, 300_000, 500_000));
    }

    [Fact]
    public void CostNanoUsd_NoCacheWritePrice_WritesChargedAsInput()
    {
        var price = new ModelPrice(2m, 8m, 0.5m);

        Assert.Equal(price.CostNanoUsd(1_000, 0, 0), price.CostNanoUsd(1_000, 0, 0, 600));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Pipeline_AnthropicCacheWrites_CountedAndPricedAtWriteRate()
    {
        await using var harness = await ProviderHarness.StartAsync();
        var price = new ModelPrice(2m, 8m, 0.5m) { CacheWriteInputPerMillion = 2.5m };
        var client = harness.Create("claude", s => s with { Price = price });
        harness.Server.Enqueue(MassGen.Testing.Providers.FakeTurn.Text("x").WithUsage(1000, 200, cachedInputTokens: 300, cacheWriteInputTokens: 500));

        var usage = MassGen.Core.Results.TokenUsage.From(Microsoft.Extensions.AI.ChatResponseExtensions.ToChatResponse(await ProviderHarness.StreamAsync(client)).Usage);

        Assert.Equal(1000, usage.InputTokens);
        Assert.Equal(300, usage.CachedInputTokens);
        Assert.Equal(500, usage.CacheWriteInputTokens);
        // 200 plain × $2/M + 300 read × $0.5/M + 500 written × $2.5/M + 200 out × $8/M = $0.0004 + 0.00015 + 0.00125 + 0.0016.
        Assert.Equal(0.0034m, usage.CostUsd);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Pipeline_UnknownModel_ReportsTokensWithoutCost()
    {
        await using var harness = await ProviderHarness.StartAsync();
        var client = harness.Create("chatcompletion", s => s with { Price = null, Model = "unlisted-model" });
        harness.Server.Enqueue(MassGen.Testing.Providers.FakeTurn.Text("x").WithUsage(10, 2));

        var usage = MassGen.Core.Results.TokenUsage.From(Microsoft.Extensions.AI.ChatResponseExtensions.ToChatResponse(await ProviderHarness.StreamAsync(client)).Usage);

        Assert.Equal(12, usage.TotalTokens);
        Assert.Null(usage.CostUsd);
    }
}
