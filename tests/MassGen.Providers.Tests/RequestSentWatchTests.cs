using MassGen.Testing;
using MassGen.Testing.Http;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>
/// <see cref="RequestSentWatch"/> for every HTTP backend type, against the fake server: it reports once, while the
/// call waits for its answer, and changes nothing on the wire.
/// </summary>
public sealed class RequestSentWatchTests : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public static TheoryData<string> Types => ProviderHarness.HttpTypes;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Begin_CallStartedInside_ReportsOnceWhileTheAnswerIsHeld(string type)
    {
        var client = _harness.Create(type);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Server.Enqueue(FakeTurn.Text("held", " answer").After(answer.Task));
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reports = 0;
        var watch = new RequestSentWatch(() =>
        {
            Interlocked.Increment(ref reports);
            reported.TrySetResult();
        });

        Task<List<ChatResponseUpdate>> call;
        using (watch.Begin())
        {
            call = ProviderHarness.StreamAsync(client);
        }

        // Every provider client reaches its HTTP layer before the call first waits.
        Assert.True(watch.RequestStarted);
        await reported.Task;
        Assert.False(call.IsCompleted);

        answer.SetResult();
        Assert.Equal("held answer", (await call).ToChatResponse().Text);
        Assert.Equal(1, reports);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Begin_ConnectionStillOpening_ReportsOnlyOnceTheBodyIsWritten()
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowConnection = new SlowToConnectHandler(connected.Task);
        using var client = ProviderFactory.Create("agent", new BackendSettings("chatcompletion")
        {
            Model = "m",
            ApiKey = ProviderHarness.ApiKey,
            BaseUrl = _harness.Server.OpenAIBaseUrl,
        }, new ProviderContext { HttpHandler = slowConnection, TimeProvider = _harness.Time });
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var turn = _harness.Server.Enqueue(FakeTurn.Text("late").After(answer.Task));
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new RequestSentWatch(() => reported.TrySetResult());

        Task<List<ChatResponseUpdate>> call;
        using (watch.Begin())
        {
            call = ProviderHarness.StreamAsync(client);
        }

        await slowConnection.Waiting;
        Assert.True(watch.RequestStarted);
        Assert.False(reported.Task.IsCompleted);

        connected.SetResult();
        await reported.Task;
        await turn.Received;
        Assert.False(call.IsCompleted);
        answer.SetResult();
        Assert.Equal("late", (await call).ToChatResponse().Text);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Begin_WatchedCall_SendsTheSameRequestAsAnUnwatchedOne(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text("one"));
        _harness.Server.Enqueue(FakeTurn.Text("two"));

        await ProviderHarness.StreamAsync(client);
        var watch = new RequestSentWatch(() => { });
        Task<List<ChatResponseUpdate>> watched;
        using (watch.Begin())
        {
            watched = ProviderHarness.StreamAsync(client);
        }

        Assert.Equal("two", (await watched).ToChatResponse().Text);
        var requests = _harness.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].RawBody, requests[1].RawBody);
        foreach (var header in new[] { "content-type", "content-length", "transfer-encoding" })
        {
            Assert.Equal(requests[0].Headers.GetValueOrDefault(header), requests[1].Headers.GetValueOrDefault(header));
        }

        Assert.NotNull(requests[1].Headers.GetValueOrDefault("content-type"));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("chatcompletion")]
    [InlineData("claude")]
    public async Task Begin_RetriedCall_ReportsOnlyTheFirstRequest(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Error(500, "The server had an error while processing your request."));
        _harness.Server.Enqueue(FakeTurn.Text("recovered"));
        var reports = 0;
        var watch = new RequestSentWatch(() => Interlocked.Increment(ref reports));

        Task<List<ChatResponseUpdate>> call;
        using (watch.Begin())
        {
            call = ProviderHarness.StreamAsync(client);
        }

        _harness.Time.Advance(await _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < ProviderFactory.DefaultIdleTimeout));
        Assert.Equal("recovered", (await call).ToChatResponse().Text);
        Assert.Equal(2, _harness.Server.Requests.Count);
        Assert.Equal(1, reports);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Begin_CallHeldByTheRateLimit_ReportsOnceItsRequestIsWritten()
    {
        using var client = ProviderFactory.Create("agent", new BackendSettings("chatcompletion")
        {
            Model = "m",
            ApiKey = ProviderHarness.ApiKey,
            BaseUrl = _harness.Server.OpenAIBaseUrl,
            RequestsPerMinute = 1,
            IdleTimeout = TimeSpan.FromHours(1),
        }, new ProviderContext { TimeProvider = _harness.Time, RateLimits = new SharedRateLimits() });
        _harness.Server.Enqueue(FakeTurn.Text("first"));
        _harness.Server.Enqueue(FakeTurn.Text("second"));
        await ProviderHarness.StreamAsync(client);
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new RequestSentWatch(() => reported.TrySetResult());

        Task<List<ChatResponseUpdate>> call;
        using (watch.Begin())
        {
            call = ProviderHarness.StreamAsync(client);
        }

        Assert.False(watch.RequestStarted);
        _harness.Time.Advance(await _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromMinutes(1)));
        await reported.Task;
        Assert.True(watch.RequestStarted);
        Assert.Equal("second", (await call).ToChatResponse().Text);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Begin_ScopeEnded_LaterCallsAreNotWatched()
    {
        var client = _harness.Create("chatcompletion");
        _harness.Server.Enqueue(FakeTurn.Text("unwatched"));
        var reports = 0;
        var watch = new RequestSentWatch(() => Interlocked.Increment(ref reports));
        using (watch.Begin())
        {
        }

        Assert.Equal("unwatched", (await ProviderHarness.StreamAsync(client)).ToChatResponse().Text);
        Assert.False(watch.RequestStarted);
        Assert.Equal(0, reports);
    }
}
