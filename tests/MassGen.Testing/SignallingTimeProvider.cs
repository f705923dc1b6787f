using Microsoft.Extensions.Time.Testing;

namespace MassGen.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code under test starts waiting (a timer is armed), so a
/// test advances time exactly when a back-off delay or idle timer is pending instead of guessing with real sleeps.
/// </summary>
/// <remarks>
/// A timer may be armed before the test asks for it (the code under test runs on other threads), so every armed
/// timer stays claimable until it fires, is changed or is disposed; a waiter takes the oldest such timer that matches,
/// or the next one armed. Each arming is handed to one waiter only, so two waits for back-offs get two back-offs.
/// </remarks>
public sealed class SignallingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];
    private readonly List<Arming> _unclaimed = [];
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
        var timer = new SignallingTimer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.OnFired(period);
                callback(s);
            },
            state,
            dueTime,
            period);
        timer.Arm(dueTime);
        return timer;
    }

    /// <summary>
    /// Completes with the due time of the oldest pending, unclaimed timer matching <paramref name="match"/>, or of the
    /// next such timer to be armed.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        lock (_gate)
        {
            var pending = _unclaimed.FirstOrDefault(a => match(a.Due));
            if (pending is not null)
            {
                _unclaimed.Remove(pending);
                return Task.FromResult(pending.Due);
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task;
        }
    }

    private void OnArmed(Arming arming)
    {
        TaskCompletionSource<TimeSpan>? fire = null;
        lock (_gate)
        {
            _armed.Add(arming.Due);
            var waiter = _waiters.FirstOrDefault(w => w.Match(arming.Due));
            if (waiter.Signal is not null)
            {
                _waiters.Remove(waiter);
                fire = waiter.Signal;
            }
            else if (arming.Due > TimeSpan.Zero)
            {
                // A zero due time fires while being armed, so it is never pending.
                _unclaimed.Add(arming);
            }
        }

        fire?.TrySetResult(arming.Due);
    }

    private void Withdraw(Arming? arming)
    {
        if (arming is null)
        {
            return;
        }

        lock (_gate)
        {
            _unclaimed.Remove(arming);
        }
    }

    /// <summary>One arming of one timer; a class, so two armings with the same due time stay apart.</summary>
    private sealed class Arming(TimeSpan due)
    {
        public TimeSpan Due { get; } = due;
    }

    private sealed class SignallingTimer(SignallingTimeProvider owner) : ITimer
    {
        private Arming? _current;

        public ITimer Inner { get; set; } = null!;

        public void Arm(TimeSpan dueTime)
        {
            owner.Withdraw(Interlocked.Exchange(ref _current, null));
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var arming = new Arming(dueTime);
            _current = arming;
            owner.OnArmed(arming);
        }

        public void OnFired(TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan)
            {
                owner.Withdraw(Interlocked.Exchange(ref _current, null));
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            Arm(dueTime);
            return changed;
        }

        public void Dispose()
        {
            owner.Withdraw(Interlocked.Exchange(ref _current, null));
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Withdraw(Interlocked.Exchange(ref _current, null));
            return Inner.DisposeAsync();
        }
    }
}
