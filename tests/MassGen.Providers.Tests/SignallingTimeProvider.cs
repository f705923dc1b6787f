using Microsoft.Extensions.Time.Testing;

namespace MassGen.Providers.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code under test starts waiting (a timer is armed), so a
/// test advances time exactly when a back-off delay or idle timer is pending instead of guessing with real sleeps.
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];
    private readonly List<TimeSpan> _armed = [];

    /// <summary>Every finite due time armed so far.</summary>
    public IReadOnlyList<TimeSpan> Armed
    {
        get
        {
            lock (_gate)
            {
                return [.. _armed];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SignallingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        OnArmed(dueTime);
        return timer;
    }

    /// <summary>Completes with the due time of the first timer (armed from now on) matching <paramref name="match"/>.</summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((match, signal));
        }

        return signal.Task;
    }

    private void OnArmed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource<TimeSpan>> fire = [];
        lock (_gate)
        {
            _armed.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
            {
                _waiters.Remove(waiter);
                fire.Add(waiter.Signal);
            }
        }

        foreach (var signal in fire)
        {
            signal.TrySetResult(dueTime);
        }
    }

    private sealed class SignallingTimer(ITimer inner, SignallingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.OnArmed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
