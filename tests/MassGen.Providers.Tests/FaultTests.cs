using MassGen.Providers.Catalog;
using MassGen.Testing;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>Every fault of the fake server, handled as PROVIDERS.md says, for every HTTP backend type.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(30);

    private ProviderHarness _harness = null!;

    public static TheoryData<string> Types => ProviderHarness.HttpTypes;

    public async Task InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task RateLimited_RetryAfter_WaitsExactlyThatLongThenSucceeds(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Error(429, "Rate limit reached for requests", retryAfter: TimeSpan.FromSeconds(7)));
        _harness.Server.Enqueue(FakeTurn.Text("after the wait"));
        var backOff = _harness.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(7));

        var call = ProviderHarness.StreamAsync(client);
        _harness.Time.Advance(await backOff);
        var updates = await call;

        Assert.Equal("after the wait", updates.ToChatResponse().Text);
        Assert.Equal(2, _harness.Server.Requests.Count);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task ServerError_Retried_WithBackOffThenSucceeds(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Error(500, "The server had an error while processing your request."));
        _harness.Server.Enqueue(FakeTurn.Error(503, "Service unavailable."));
        _harness.Server.Enqueue(FakeTurn.Text("recovered"));

        var call = ProviderHarness.StreamAsync(client);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            // Exponential back-off with jitter: wait for the delay the policy chose, then let exactly that much pass.
            var delay = await _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < ProviderFactory.DefaultIdleTimeout);
            _harness.Time.Advance(delay);
        }

        Assert.Equal("recovered", (await call).ToChatResponse().Text);
        Assert.Equal(3, _harness.Server.Requests.Count);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Unauthorized_FailsAtOnce_NamingAgentProviderMessageAndKeyVariable(string type)
    {
        var info = ProviderCatalog.Find(type)!;
        var client = _harness.Create(type, s => s with { ApiKey = "sk-wrong" }, agentId: "critic");

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Single(_harness.Server.Requests);
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.True(error.IsPermanent);
        Assert.Contains("Agent 'critic'", error.Message);
        Assert.Contains(info.DisplayName, error.Message);
        Assert.Contains("Incorrect API key provided.", error.Message);
        Assert.Contains(info.ApiKeyVariables.Count > 0 ? info.ApiKeyVariables[0] : "api_key", error.Message);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("openai", 400)]
    [InlineData("openai", 403)]
    [InlineData("openai", 404)]
    [InlineData("chatcompletion", 400)]
    [InlineData("chatcompletion", 404)]
    [InlineData("claude", 400)]
    [InlineData("claude", 403)]
    [InlineData("claude", 404)]
    [InlineData("gemini", 400)]
    [InlineData("gemini", 403)]
    [InlineData("gemini", 404)]
    public async Task PermanentError_FailsWithoutRetry_WithProviderMessage(string type, int status)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Error(status, $"scripted failure {status}"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Single(_harness.Server.Requests);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"scripted failure {status}", error.Message);
        Assert.Contains("Fix:", error.Message);
        Assert.DoesNotContain(_harness.Time.Armed, due => due < ProviderFactory.DefaultIdleTimeout);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task StreamCut_AfterFirstChunk_FailsWithoutRetry(string type)
    {
        var client = _harness.Create(type);
        var turn = _harness.Server.Enqueue(FakeTurn.Text("partial ", "answer ", "never finished").CutAfter(EventsThroughSecondText(type)));
        var received = "";

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions))
            {
                received += update.Text;
                if (received == "partial answer ")
                {
                    turn.CutNow();
                }
            }
        });

        Assert.Equal("partial answer ", received);
        Assert.True(error.IsTransient);
        Assert.False(error.IsPermanent);
        Assert.Single(_harness.Server.Requests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task StreamCut_BeforeAnyChunk_Retried(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text("lost").CutAfter(0));
        _harness.Server.Enqueue(FakeTurn.Text("second try"));
        var backOff = _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < ProviderFactory.DefaultIdleTimeout);

        var call = ProviderHarness.StreamAsync(client);
        _harness.Time.Advance(await backOff);

        Assert.Equal("second try", (await call).ToChatResponse().Text);
        Assert.Equal(2, _harness.Server.Requests.Count);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task MalformedJson_MidStream_FailsWithParseError(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Text("good ", "then bad", " never sent").MalformedAfter(EventsThroughSecondText(type)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Contains("could not be parsed", error.Message);
        Assert.Single(_harness.Server.Requests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task EmptyResponse_FailsNamingTheEmptyResponse_NotTakenForAnAnswerWithoutText(string type)
    {
        var client = _harness.Create(type);
        _harness.Server.Enqueue(FakeTurn.Empty());

        var error = await Assert.ThrowsAsync<ProviderException>(() => ProviderHarness.StreamAsync(client));

        Assert.Contains("the provider sent an empty response", error.Message);
        Assert.True(error.IsTransient);
        Assert.Single(_harness.Server.Requests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Stall_BeforeFirstChunk_IdleTimeoutThenRetrySucceeds(string type)
    {
        var client = _harness.Create(type, s => s with { IdleTimeout = s_idle });
        var stalled = _harness.Server.Enqueue(FakeTurn.Text("never").StallAfter(0));
        _harness.Server.Enqueue(FakeTurn.Text("fresh attempt"));

        var call = ProviderHarness.StreamAsync(client);
        await stalled.Stalled;
        var backOff = _harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < s_idle);
        _harness.Time.Advance(s_idle);
        _harness.Time.Advance(await backOff);

        Assert.Equal("fresh attempt", (await call).ToChatResponse().Text);
        await stalled.Disconnected;
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Stall_MidStream_FailsWithIdleTimeoutAndClosesConnection(string type)
    {
        var client = _harness.Create(type, s => s with { IdleTimeout = s_idle });
        var turn = _harness.Server.Enqueue(FakeTurn.Text("first ", "second ", "third").StallAfter(EventsThroughSecondText(type)));
        await using var stream = client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions).GetAsyncEnumerator();
        var text = "";
        while (!text.Contains("second", StringComparison.Ordinal))
        {
            Assert.True(await stream.MoveNextAsync());
            text += stream.Current.Text;
        }

        var next = stream.MoveNextAsync();
        _harness.Time.Advance(s_idle);
        var error = await Assert.ThrowsAsync<ProviderException>(async () => await next);

        Assert.Contains("no data from the provider for 30 s in the middle of the stream", error.Message);
        await turn.Disconnected;
        Assert.Single(_harness.Server.Requests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(Types))]
    public async Task Cancellation_MidStream_ClosesConnection(string type)
    {
        var client = _harness.Create(type);
        var turn = _harness.Server.Enqueue(FakeTurn.Text("first ", "second ", "third").StallAfter(EventsThroughSecondText(type)));
        using var cancellation = new CancellationTokenSource();
        await using var stream = client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions, cancellation.Token).GetAsyncEnumerator();
        var text = "";
        while (!text.Contains("second", StringComparison.Ordinal))
        {
            Assert.True(await stream.MoveNextAsync());
            text += stream.Current.Text;
        }

        var next = stream.MoveNextAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await turn.Disconnected;
    }

    /// <summary>Protocol events up to and including the second text delta (each protocol frames text differently).</summary>
    private static int EventsThroughSecondText(string type) => ProviderCatalog.Find(type)!.Protocol switch
    {
        WireProtocol.OpenAIResponses => 6,     // created, in_progress, item added, part added, delta, delta
        WireProtocol.AnthropicMessages => 5,   // message_start, ping, block start, delta, delta
        WireProtocol.Gemini => 2,              // one GenerateContentResponse per text piece
        _ => 3,                                // role chunk, delta, delta
    };
}
