using System.Net;
using MassGen.Providers.Catalog;
using MassGen.Providers.Internal;
using MassGen.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Providers.Tests;

/// <summary>Agents on one provider key share its limits, on the fake clock.</summary>
public sealed class SharedRateLimitsTests
{
    private static readonly BackendTypeInfo s_openAi = ProviderCatalog.Find("openai")!;

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Wrap_TwoAgentsOnOneKeyWithTwoRequestsPerMinute_NeverExceedTwoInAMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var server = new CountingClient(time);
        var limits = new SharedRateLimits();
        var settings = new BackendSettings("openai") { Model = "m", RequestsPerMinute = 2 };
        using var first = limits.Wrap(server, s_openAi, "https://example.test/v1", "sk-one", settings, time);
        using var second = limits.Wrap(server, s_openAi, "https://example.test/v1", "sk-one", settings, time);

        var calls = Enumerable.Range(0, 3).SelectMany(_ => new[] { first, second })
            .Select(agent => agent.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")])).ToList();
        for (var minute = 1; minute <= 3; minute++)
        {
            await server.WaitForCallsAsync(2 * minute);
            Assert.Equal(2 * minute, server.Times.Count);
            for (var step = 0; step < 6; step++)
            {
                // No call may start before the minute is over.
                Assert.Equal(2 * minute, server.Times.Count);
                time.Advance(TimeSpan.FromSeconds(10));
            }
        }

        await Task.WhenAll(calls);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.All(server.Times.GroupBy(t => (int)(t - start).TotalMinutes), minute => Assert.True(minute.Count() <= 2, $"{minute.Count()} calls in minute {minute.Key}"));
        Assert.Equal([0, 0, 1, 1, 2, 2], server.Times.Select(t => (int)(t - start).TotalMinutes).Order());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Wrap_429WithRetryAfter_PausesTheKeyForTheOtherAgentToo()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var server = new CountingClient(time) { FailFirstWith = new ProviderHttpException(HttpStatusCode.TooManyRequests, "slow down", TimeSpan.FromSeconds(30)) };
        var limits = new SharedRateLimits();
        var settings = new BackendSettings("openai") { Model = "m", RequestsPerMinute = 100 };
        using var first = limits.Wrap(server, s_openAi, "https://example.test/v1", "sk-one", settings, time);
        using var second = limits.Wrap(server, s_openAi, "https://example.test/v1", "sk-one", settings, time);
        using var otherKey = limits.Wrap(server, s_openAi, "https://example.test/v1", "sk-two", settings, time);

        await Assert.ThrowsAsync<ProviderHttpException>(() => first.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        var paused = second.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        await otherKey.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.False(paused.IsCompleted);
        Assert.Equal(2, server.Times.Count);
        time.Advance(TimeSpan.FromSeconds(30));
        await paused;
        Assert.Equal(TimeSpan.FromSeconds(30), server.Times[^1] - server.Times[0]);
    }

    [Fact]
    public void Wrap_LocalServerWithoutLimits_AddsNoLimiter()
    {
        using var inner = new CountingClient(TimeProvider.System);
        var wrapped = new SharedRateLimits().Wrap(inner, ProviderCatalog.Find("vllm")!, "http://localhost:8000/v1", null, new BackendSettings("vllm") { Model = "m" }, TimeProvider.System);

        Assert.Same(inner, wrapped);
    }

    /// <summary>A model that answers at once and notes the (fake) time of every call.</summary>
    private sealed class CountingClient(TimeProvider time) : IChatClient
    {
        private readonly Lock _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

        public List<DateTimeOffset> Times { get; } = [];

        public Exception? FailFirstWith { get; set; }

        public Task WaitForCallsAsync(int count)
        {
            lock (_gate)
            {
                if (Times.Count >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task;
            }
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Exception? failure;
            lock (_gate)
            {
                Times.Add(time.GetUtcNow());
                foreach (var waiter in _waiters.Where(w => Times.Count >= w.Count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }

                failure = FailFirstWith;
                FailFirstWith = null;
            }

            return failure is null ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))) : Task.FromException<ChatResponse>(failure);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
