namespace MassGen.Cli.Logging;

/// <summary>
/// When the run last did coordination work (a model call starting or ending, an answer, a vote, a turn starting), and a
/// wait for a pause in it. Work that only keeps records, such as the per-call log files, waits for a pause: at the hop
/// from answers to votes, fifty agents' records written while fifty vote requests are being built take CPU those
/// requests need on a small machine, while a moment later every agent is only waiting for its model.
/// </summary>
internal sealed class RunActivity
{
    /// <summary>A pause this long means the run's next requests have left; what is left is waiting for models.</summary>
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromMilliseconds(50);

    /// <summary>Records wait at most this long, so a run that is never quiet still has its files soon.</summary>
    public static readonly TimeSpan DefaultLongestWait = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private readonly TimeSpan _quiet;
    private readonly TimeSpan _longestWait;
    private long _lastWork;

    public RunActivity(TimeProvider time, TimeSpan quiet, TimeSpan longestWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quiet, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestWait, quiet);
        _time = time;
        _quiet = quiet;
        _longestWait = longestWait;
        _lastWork = time.GetTimestamp();
    }

    public RunActivity(TimeProvider time)
        : this(time, DefaultQuiet, DefaultLongestWait)
    {
    }

    /// <summary>Notes that the run is doing coordination work now.</summary>
    public void Note() => Interlocked.Exchange(ref _lastWork, _time.GetTimestamp());

    /// <summary>
    /// Completes once no work has been noted for the quiet time, or after the longest wait from now, whichever comes
    /// first; at once when <paramref name="cancellationToken"/> is cancelled (the run is ending: nothing to wait for).
    /// </summary>
    public async Task WaitForPauseAsync(CancellationToken cancellationToken)
    {
        var waitStarted = _time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var sinceWork = _time.GetElapsedTime(Interlocked.Read(ref _lastWork));
            var left = _longestWait - _time.GetElapsedTime(waitStarted);
            if (sinceWork >= _quiet || left <= TimeSpan.Zero)
            {
                return;
            }

            var delay = _quiet - sinceWork < left ? _quiet - sinceWork : left;
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
