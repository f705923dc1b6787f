using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Providers.Tests;

/// <summary>The backend settings that change how requests are sent take effect for every HTTP backend type.</summary>
public sealed class SettingsEffectTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public static TheoryData<string> Types => ProviderHarness.HttpTypes;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task ExtraHeaders_AreHttpHeadersOfEveryRequestNotBodyFields(string type)
    {
        var client = _harness.Create(type, s => s with
        {
            ExtraHeaders = new Dictionary<string, string> { ["X-Team"] = "research", ["OpenAI-Organization"] = "org-test" },
        });
        _harness.Server.Enqueue(FakeTurn.Text("one"));
        _harness.Server.Enqueue(FakeTurn.Text("two"));

        await ProviderHarness.StreamAsync(client);
        await ProviderHarness.StreamAsync(client);

        Assert.Equal(2, _harness.Server.Requests.Count);
        Assert.All(_harness.Server.Requests, request =>
        {
            Assert.Equal("research", request.Header("X-Team"));
            Assert.Equal("org-test", request.Header("OpenAI-Organization"));
            Assert.Null(request.Body!["extra_headers"]);
        });
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Stall_WithDefaultSettings_FailsAfterTwoIdlePeriodsAsATransientError(string type)
    {
        var client = _harness.Create(type);
        var first = _harness.Server.Enqueue(FakeTurn.Text("never").StallAfter(0));
        var second = _harness.Server.Enqueue(FakeTurn.Text("never either").StallAfter(0));
        _harness.Server.Enqueue(FakeTurn.Text("a third attempt must not be made"));

        var call = ProviderHarness.StreamAsync(client);
        await first.Stalled;
        var backOff = _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < ProviderFactory.DefaultIdleTimeout);
        _harness.Time.Advance(ProviderFactory.DefaultIdleTimeout);
        _harness.Time.Advance(await backOff);
        await second.Stalled;
        _harness.Time.Advance(ProviderFactory.DefaultIdleTimeout);
        var error = await Assert.ThrowsAsync<ProviderException>(() => call);

        Assert.Equal(TimeSpan.FromSeconds(60), ProviderFactory.DefaultIdleTimeout);
        Assert.Contains("no data from the provider for 60 s", error.Message);
        Assert.True(error.IsTransient);
        Assert.Equal(2, _harness.Server.Requests.Count);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("openai")]
    [InlineData("claude")]
    public async Task MaxRetriesZero_ServerErrorFailsAtOnce(string type)
    {
        var client = _harness.Create(type, s => s with { MaxRetries = 0 });
        _harness.Server.Enqueue(FakeTurn.Error(503, "Service unavailable."));
        _harness.Server.Enqueue(FakeTurn.Text("a retry must not be made"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Equal(503, error.StatusCode);
        Assert.Single(_harness.Server.Requests);
    }
}
