using MassGen.Core.Events;

namespace MassGen.Cli.Recording;

/// <summary>
/// Hands out a replay's streamed items in the order the original run received them: item <c>n</c> is released once
/// item <c>n-1</c> was taken (its reader came back for more, or let go) and the replay has emitted as many coordination
/// events as the original had when item <c>n</c> arrived. Concurrent agents therefore interleave as they did, and the
/// engine sees the same messages in the same order. The end of a stream is taken only once its turn has settled (the
/// agent's decision, tool call or failure was emitted, or it sent its next request): what a turn does after its stream
/// ends happens before the next agent's item, as it did when recorded. Items of calls that were dropped (a reader
/// cancelled) are voided so they never hold up the others.
/// </summary>
internal sealed class ReplaySequencer
{
    private readonly Lock _gate = new();
    private readonly HashSet<long> _voided = [];
    private readonly Dictionary<string, long> _settling = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan? _stallLimit;
    private long _next = 1;
    private long _events;
    private TaskCompletionSource _changed = NewSignal();

    /// <param name="timeProvider">The clock of the stall limit.</param>
    /// <param name="stallLimit">
    /// After this long without progress the oldest waiting item goes ahead anyway (a replay whose timing-dependent paths
    /// differ from the original's); null waits for ever.
    /// </param>
    public ReplaySequencer(TimeProvider timeProvider, TimeSpan? stallLimit)
    {
        _timeProvider = timeProvider;
        _stallLimit = stallLimit;
    }

    public void OnEvent(CoordinationEvent coordinationEvent)
    {
        lock (_gate)
        {
            _events++;
            if (coordinationEvent is PresentationFinished or RunFinished)
            {
                foreach (var ordinal in _settling.Values.ToList())
                {
                    Advance(ordinal);
                }

                _settling.Clear();
            }
            else if (SettledAgent(coordinationEvent) is { } agentId && _settling.Remove(agentId, out var pending))
            {
                Advance(pending);
            }

            Signal();
        }
    }

    /// <summary>The end of <paramref name="agentId"/>'s stream was delivered; it counts as taken once the turn settles.</summary>
    public void EndDelivered(string agentId, long ordinal)
    {
        lock (_gate)
        {
            _settling[agentId] = ordinal;
        }
    }

    /// <summary>The agent sent its next request: whatever its last stream's end caused has happened.</summary>
    public void NextRequest(string agentId)
    {
        lock (_gate)
        {
            if (_settling.Remove(agentId, out var pending))
            {
                Advance(pending);
                Signal();
            }
        }
    }

    // The events with which a turn's work after its stream ends shows in the log.
    private static string? SettledAgent(CoordinationEvent coordinationEvent) => coordinationEvent switch
    {
        AnswerAccepted e => e.AgentId,
        DecisionRejected e => e.AgentId,
        VoteCounted e => e.VoterId,
        VoteDiscarded e => e.VoterId,
        ToolCallStarted e => e.AgentId,
        TurnFailed e => e.AgentId,
        TurnCancelled e => e.AgentId,
        AgentRetrying e => e.AgentId,
        AgentFailed e => e.AgentId,
        AgentTimedOut e => e.AgentId,
        _ => null,
    };

    public async Task WaitAsync(RecordedItem item, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_next >= item.Ordinal && _events >= item.EventsBefore)
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (_stallLimit is not { } limit)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await changed.WaitAsync(limit, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                lock (_gate)
                {
                    // Nothing moved: whatever the replay waits for did not happen this time; go on in recorded order.
                    _next = Math.Max(_next, item.Ordinal);
                    _events = Math.Max(_events, item.EventsBefore);
                    Signal();
                }
            }
        }
    }

    /// <summary>The item was taken; the next one may go.</summary>
    public void Done(long ordinal)
    {
        lock (_gate)
        {
            Advance(ordinal);
            Signal();
        }
    }

    private void Advance(long ordinal)
    {
        if (_next == ordinal)
        {
            _next++;
            SkipVoided();
        }
        else if (ordinal > _next)
        {
            _voided.Add(ordinal);
        }
    }

    /// <summary>Items that will never be read (their call was dropped).</summary>
    public void Void(IEnumerable<long> ordinals)
    {
        lock (_gate)
        {
            foreach (var ordinal in ordinals)
            {
                if (ordinal >= _next)
                {
                    _voided.Add(ordinal);
                }
            }

            SkipVoided();
            Signal();
        }
    }

    private void SkipVoided()
    {
        while (_voided.Remove(_next))
        {
            _next++;
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
