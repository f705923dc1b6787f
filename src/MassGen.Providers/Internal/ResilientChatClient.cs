using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace MassGen.Providers.Internal;

/// <summary>
/// Retries transient failures that happen before the first streamed chunk (408/409/429/5xx, connection errors, a
/// silent server), honouring <c>Retry-After</c>, with exponential back-off and jitter on the injected
/// <see cref="TimeProvider"/>. Instead of a total timeout it enforces an idle timeout between chunks, so a stream
/// that keeps producing tokens is never cut. Once a chunk has been passed on, nothing is retried (the caller has
/// already seen part of the answer).
/// </summary>
internal sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;

    public ResilientChatClient(IChatClient inner, int maxRetries, TimeSpan idleTimeout, TimeProvider timeProvider)
        : base(inner)
    {
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                // A stall is retried once: a provider silent twice in a row is stuck, and waiting for it holds the team.
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)
                    && (args.Outcome.Exception is not StreamIdleTimeoutException || args.AttemptNumber == 0)),
                DelayGenerator = args => ValueTask.FromResult(ProviderErrors.Find<ProviderHttpException>(args.Outcome.Exception)?.RetryAfter),
            });
        }

        _pipeline = builder.Build();
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        return _pipeline.ExecuteAsync(
            async token =>
            {
                // Without streaming there are no chunks to watch: the idle timeout bounds the wait for the whole answer.
                using var idle = new CancellationTokenSource(_idleTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, idle.Token);
                try
                {
                    return await base.GetResponseAsync(history, options, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    throw new StreamIdleTimeoutException(_idleTimeout, beforeFirstChunk: true);
                }
            },
            cancellationToken).AsTask();
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var stream = await _pipeline.ExecuteAsync(
            async token =>
            {
                var attempt = new IdleWatchedStream(InnerClient, _idleTimeout, _timeProvider, cancellationToken);
                try
                {
                    await attempt.StartAsync(history, options).ConfigureAwait(false);
                    return attempt;
                }
                catch
                {
                    await attempt.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        await using (stream.ConfigureAwait(false))
        {
            if (!stream.HasCurrent)
            {
                // Saying so here keeps the engine from taking a broken response for a model that chose to say nothing.
                throw ProviderResponseException.Empty();
            }

            yield return stream.Current;
            while (await stream.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Current;
            }
        }
    }

    // Only the start of a call runs inside the pipeline, so whatever fails here failed before the caller saw a chunk.
    private static bool IsTransient(Exception? exception) => exception switch
    {
        null or OperationCanceledException => false,
        StreamIdleTimeoutException => true,
        _ when ProviderErrors.Find<ProviderHttpException>(exception) is { } http => http.IsTransient,
        _ => ProviderErrors.Find<IOException>(exception) is not null || ProviderErrors.Find<HttpRequestException>(exception) is not null,
    };
}
