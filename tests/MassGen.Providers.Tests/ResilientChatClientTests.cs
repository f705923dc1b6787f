using System.Net;
using System.Runtime.CompilerServices;
using MassGen.Providers.Internal;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

/// <summary>The idle timeout measures silence between chunks, never the length of a stream.</summary>
public sealed class ResilientChatClientTests
{
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(10);

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_SlowButSteadyStream_LongerThanIdleTimeout_NotCut()
    {
        var time = new SignallingTimeProvider();
        var inner = new GatedChatClient(chunks: 5);
        using var client = new ResilientChatClient(inner, maxRetries: 0, s_idle, time);

        var received = new List<string>();
        await using var stream = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]).GetAsyncEnumerator();
        for (var i = 0; i < 5; i++)
        {
            var next = stream.MoveNextAsync();

            // 9 s of silence before every chunk: 45 s in all, far past the 10 s idle timeout, yet never 10 s of silence.
            time.Advance(TimeSpan.FromSeconds(9));
            inner.Release(i);
            Assert.True(await next);
            received.Add(stream.Current.Text);
        }

        Assert.False(await stream.MoveNextAsync());
        Assert.Equal(["0", "1", "2", "3", "4"], received);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Streaming_SilenceLongerThanIdleTimeout_TimesOut()
    {
        var time = new SignallingTimeProvider();
        var inner = new GatedChatClient(chunks: 2);
        using var client = new ResilientChatClient(inner, maxRetries: 0, s_idle, time);
        await using var stream = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]).GetAsyncEnumerator();
        var first = stream.MoveNextAsync();
        inner.Release(0);
        Assert.True(await first);

        var second = stream.MoveNextAsync();
        time.Advance(s_idle);

        var error = await Assert.ThrowsAsync<StreamIdleTimeoutException>(async () => await second);
        Assert.False(error.BeforeFirstChunk);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Response_PermanentFailure_NotRetried()
    {
        var time = new SignallingTimeProvider();
        var inner = new FailingChatClient(new ProviderHttpException(HttpStatusCode.Forbidden, "no access", null));
        using var client = new ResilientChatClient(inner, maxRetries: 3, s_idle, time);

        await Assert.ThrowsAsync<ProviderHttpException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(1, inner.Calls);
    }

    /// <summary>Yields chunk i only when the test releases it.</summary>
    private sealed class GatedChatClient(int chunks) : IChatClient
    {
        private readonly TaskCompletionSource[] _gates = [.. Enumerable.Range(0, chunks).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        public void Release(int chunk) => _gates[chunk].TrySetResult();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < _gates.Length; i++)
            {
                await _gates[i].Task.WaitAsync(cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class FailingChatClient(Exception failure) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromException<ChatResponse>(failure);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
