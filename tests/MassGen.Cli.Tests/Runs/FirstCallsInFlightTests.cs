using MassGen.Cli.Runs;
using MassGen.Providers;
using MassGen.Testing;
using MassGen.Testing.Http;
using MassGen.Testing.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Tests.Runs;

/// <summary>The rehearsal's signal: every agent's first call sent and waiting for its answer, once.</summary>
public sealed class FirstCallsInFlightTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Watch_TwoAgents_SignalsOnceBothFirstCallsWaitAndNeverAgain()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signals = 0;
        var inFlight = new FirstCallsInFlight(2, () => Interlocked.Increment(ref signals));
        var first = inFlight.Watch(new WaitingModel(answer.Task));
        var second = inFlight.Watch(new WaitingModel(answer.Task));

        var firstCall = ReadAllAsync(first);
        Assert.Equal(0, signals);
        var secondCall = ReadAllAsync(second);
        Assert.Equal(1, signals);
        Assert.False(firstCall.IsCompleted);

        answer.SetResult();
        Assert.Equal("answer", await firstCall);
        Assert.Equal("answer", await secondCall);
        Assert.Equal("answer", await ReadAllAsync(first));
        Assert.Equal(1, signals);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Watch_HttpProviderStillConnecting_SignalsOnlyOnceTheRequestIsWritten()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var turn = server.Enqueue(FakeTurn.Text("answer").After(answer.Task));
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowConnection = new SlowToConnectHandler(connected.Task);
        using var provider = ProviderFactory.Create("agent", new BackendSettings("chatcompletion") { Model = "m", ApiKey = "k", BaseUrl = server.OpenAIBaseUrl },
            new ProviderContext { HttpHandler = slowConnection });
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = new FirstCallsInFlight(1, () => signalled.TrySetResult());

        var call = ReadAllAsync(inFlight.Watch(provider.ChatClient));
        await slowConnection.Waiting;
        Assert.False(signalled.Task.IsCompleted);

        connected.SetResult();
        await signalled.Task;
        await turn.Received;
        Assert.False(call.IsCompleted);
        answer.SetResult();
        Assert.Equal("answer", await call);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Watch_HttpCallFailsBeforeItsRequestIsWritten_StillSignals()
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowConnection = new SlowToConnectHandler(connected.Task);
        using var provider = ProviderFactory.Create("agent", new BackendSettings("chatcompletion") { Model = "m", ApiKey = "k", BaseUrl = new Uri("http://127.0.0.1:9/v1"), MaxRetries = 0 },
            new ProviderContext { HttpHandler = slowConnection });
        var signals = 0;
        var inFlight = new FirstCallsInFlight(1, () => Interlocked.Increment(ref signals));

        var call = ReadAllAsync(inFlight.Watch(provider.ChatClient));
        await slowConnection.Waiting;
        Assert.Equal(0, signals);

        connected.SetException(new HttpRequestException("Connection refused"));
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.Equal(1, signals);
    }

    private static async Task<string> ReadAllAsync(IChatClient client)
    {
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "q")]))
        {
            text += update.Text;
        }

        return text;
    }

    /// <summary>Sends at once, then waits for <paramref name="answer"/> before streaming its text.</summary>
    private sealed class WaitingModel(Task answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await answer.WaitAsync(cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "answer");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
