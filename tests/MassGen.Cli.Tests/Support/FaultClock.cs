using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// A fake clock that lets exactly the waits a fault causes pass at once: whenever a timer is armed with a due time the
/// test names (a back-off, a <c>Retry-After</c>, an idle or start timeout), the clock advances by that much. Every
/// other timer (turn and run timeouts, the healthy agents' idle timeouts) only moves when those waits move it, so a test
/// that keeps them far longer than the fault's waits cannot be hit by them.
/// </summary>
internal sealed class FaultClock : FakeTimeProvider, IDisposable
{
    private readonly Func<TimeSpan, bool> _passes;
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<TimeSpan> _passed = new();
    private readonly Task _pump;

    /// <param name="passes">Which due times pass at once when armed.</param>
    public FaultClock(Func<TimeSpan, bool> passes)
        : base(EventScript.Start)
    {
        _passes = passes;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The waits that were let pass, in order.</summary>
    public IReadOnlyList<TimeSpan> Passed => [.. _passed];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    public void Dispose()
    {
        _armed.Writer.TryComplete();
        _pump.Wait(TimeSpan.FromSeconds(5));
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && _passes(dueTime))
        {
            _armed.Writer.TryWrite(dueTime);
        }
    }

    // One pump advances, so two waits armed together pass one after the other (the later one may already have fired).
    private async Task PumpAsync()
    {
        await foreach (var due in _armed.Reader.ReadAllAsync())
        {
            _passed.Enqueue(due);
            Advance(due);
        }
    }

    private sealed class WatchedTimer(ITimer inner, FaultClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
