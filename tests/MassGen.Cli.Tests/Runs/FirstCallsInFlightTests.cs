using MassGen.Cli.Runs;
using MassGen.Testing;
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
