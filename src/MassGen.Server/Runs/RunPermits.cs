using System.Threading.RateLimiting;
using MassGen.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MassGen.Server.Runs;

/// <summary>
/// The bound on runs under way, shared by API requests and runs started from the web view: a run holds its permit
/// until it has ended; beyond the limit a request is turned away at once, not queued.
/// </summary>
internal sealed class RunPermits(MassGenServerOptions options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentRuns, QueueLimit = 0 });

    /// <summary>A permit to dispose when the run has ended, or null when the server is full.</summary>
    public RateLimitLease? TryAcquire()
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public IResult Refusal() => OpenAiError.Result(
        StatusCodes.Status429TooManyRequests,
        $"The server is running as many teams as it may ({options.MaxConcurrentRuns} at once; massgen serve --max-concurrent-runs); try again when one has finished.",
        "requests",
        "rate_limit_exceeded");

    public void Dispose() => _limiter.Dispose();
}
