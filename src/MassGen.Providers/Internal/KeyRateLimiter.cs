using System.Threading.RateLimiting;

namespace MassGen.Providers.Internal;

/// <summary>
/// One provider key's limits: a bucket of requests and one of estimated input tokens, each refilled to the full minute's
/// allowance once a minute (<see cref="TokenBucketRateLimiter"/>, refilled by a timer of the given clock rather than the
/// limiter's own, so tests run on a fake clock): no minute counted from the key's first use sees more than the limit.
/// Callers waiting after a 429 with <c>Retry-After</c> wait out the pause first.
/// </summary>
internal sealed class KeyRateLimiter
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    private readonly TokenBucketRateLimiter? _requests;
    private readonly TokenBucketRateLimiter? _tokens;
    private readonly ITimer? _replenish;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil;

    public KeyRateLimiter(int? requestsPerMinute, int? tokensPerMinute, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        RequestsPerMinute = requestsPerMinute is > 0 ? requestsPerMinute : null;
        TokensPerMinute = tokensPerMinute is > 0 ? tokensPerMinute : null;
        _requests = RequestsPerMinute is { } requests ? Create(requests) : null;
        _tokens = TokensPerMinute is { } tokens ? Create(tokens) : null;
        if (_requests is not null || _tokens is not null)
        {
            _replenish = timeProvider.CreateTimer(_ => Replenish(), null, s_window, s_window);
        }
    }

    public int? RequestsPerMinute { get; }

    public int? TokensPerMinute { get; }

    /// <summary>Waits for a pause to end, then for room for one request of about <paramref name="estimatedTokens"/> input tokens.</summary>
    public async Task<IDisposable> AcquireAsync(int estimatedTokens, CancellationToken cancellationToken)
    {
        await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);
        var leases = new List<RateLimitLease>(2);
        try
        {
            if (_requests is not null)
            {
                leases.Add(await Lease(_requests, 1, cancellationToken).ConfigureAwait(false));
            }

            if (_tokens is not null && TokensPerMinute is { } limit)
            {
                // A request larger than the whole minute's allowance waits for an empty window rather than for ever.
                leases.Add(await Lease(_tokens, Math.Clamp(estimatedTokens, 1, limit), cancellationToken).ConfigureAwait(false));
            }

            // A pause may have begun while this caller waited for room.
            await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);
            return new Leases(leases);
        }
        catch
        {
            new Leases(leases).Dispose();
            throw;
        }
    }

    /// <summary>The provider said to wait: nobody using this key sends anything until then.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = _timeProvider.GetUtcNow() + retryAfter;
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private async Task WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = _pausedUntil - _timeProvider.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RateLimitLease> Lease(TokenBucketRateLimiter limiter, int permits, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The shared rate limit's queue is full: too many agents wait on one provider key.");
        }

        return lease;
    }

    private void Replenish()
    {
        _requests?.TryReplenish();
        _tokens?.TryReplenish();
    }

    // The limiter's own period is one tick so that each call of TryReplenish (the clock's timer, once a minute) refills.
    private static TokenBucketRateLimiter Create(int permitsPerMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = permitsPerMinute,
        TokensPerPeriod = permitsPerMinute,
        ReplenishmentPeriod = TimeSpan.FromTicks(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = false,
    });

    private sealed class Leases(List<RateLimitLease> leases) : IDisposable
    {
        public void Dispose()
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }
}
