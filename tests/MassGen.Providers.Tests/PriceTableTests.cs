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
