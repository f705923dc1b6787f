using Microsoft.Extensions.AI;

namespace MassGen.Providers.Internal;

/// <summary>
/// One streaming attempt whose every wait for the next chunk is bounded by the idle timeout. The timer is re-armed
/// before each wait and disarmed after it, on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class IdleWatchedStream : IAsyncDisposable
{
    private readonly IChatClient _inner;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private IAsyncEnumerator<ChatResponseUpdate>? _enumerator;
    private bool _anyChunk;

    public IdleWatchedStream(IChatClient inner, TimeSpan idleTimeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _inner = inner;
        _idleTimeout = idleTimeout;
        _callerToken = callerToken;
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _idle.Token);
    }

    public bool HasCurrent { get; private set; }

    public ChatResponseUpdate Current => _enumerator!.Current;

    /// <summary>Opens the stream and waits for the first chunk (the part of a call that may be retried).</summary>
    public async Task StartAsync(IReadOnlyCollection<ChatMessage> messages, ChatOptions? options)
    {
        _enumerator = _inner.GetStreamingResponseAsync(messages, options, _linked.Token).GetAsyncEnumerator(_linked.Token);
        HasCurrent = await MoveNextAsync().ConfigureAwait(false);
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        _idle.CancelAfter(_idleTimeout);
        try
        {
            var moved = await _enumerator!.MoveNextAsync().ConfigureAwait(false);
            _anyChunk |= moved;
            return moved;
        }
        catch (OperationCanceledException) when (_idle.IsCancellationRequested && !_callerToken.IsCancellationRequested)
        {
            throw new StreamIdleTimeoutException(_idleTimeout, beforeFirstChunk: !_anyChunk);
        }
        catch (Exception ex) when (_idle.IsCancellationRequested && !_callerToken.IsCancellationRequested && ex is not StreamIdleTimeoutException)
        {
            // Some transports report the aborted read as an I/O error rather than a cancellation.
            throw new StreamIdleTimeoutException(_idleTimeout, beforeFirstChunk: !_anyChunk);
        }
        finally
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_enumerator is not null)
        {
            try
            {
                await _enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
            {
                // Closing a broken or cancelled stream must not hide the reason the caller is leaving.
            }
        }

        _linked.Dispose();
        _idle.Dispose();
    }
}
