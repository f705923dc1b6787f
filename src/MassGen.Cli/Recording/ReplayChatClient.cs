using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Recording;

/// <summary>
/// One agent's model during a replay: every request is answered from the recording (see <see cref="ReplaySession"/>),
/// its updates released in the original order and, unless the replay runs as fast as possible, at the original pace.
/// </summary>
internal sealed class ReplayChatClient : IChatClient
{
    private readonly ReplaySession _session;
    private readonly string _agentId;
    private int _calls;

    public ReplayChatClient(ReplaySession session, string agentId)
    {
        _session = session;
        _agentId = agentId;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ExchangeFingerprint.Canonical(messages, options);
        var sequencer = _session.Sequencer;
        sequencer.NextRequest(_agentId);
        var call = _session.Take(_agentId, Interlocked.Increment(ref _calls), request);
        var started = _session.TimeProvider.GetTimestamp();
        var taken = 0;
        try
        {
            foreach (var item in call.Items)
            {
                await sequencer.WaitAsync(item, cancellationToken).ConfigureAwait(false);
                await PaceAsync(started, item, cancellationToken).ConfigureAwait(false);
                var update = item.Update.Deserialize<ChatResponseUpdate>(RecordingJson.Options)!;
                taken++;
                try
                {
                    yield return update;
                }
                finally
                {
                    sequencer.Done(item.Ordinal);
                }
            }

            if (call.Outcome == "stopped")
            {
                // The original reader stopped here; so will this one (it is cancelled or lets go).
                await Task.Delay(Timeout.InfiniteTimeSpan, _session.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            await sequencer.WaitAsync(call.End, cancellationToken).ConfigureAwait(false);
            await PaceAsync(started, call.End, cancellationToken).ConfigureAwait(false);
            taken++;
            sequencer.EndDelivered(_agentId, call.End.Ordinal);
            if (call.Outcome == "failed")
            {
                throw new ReplayedFailureException(call.ErrorMessage ?? "the call failed", call.ErrorPermanent);
            }
        }
        finally
        {
            // Whatever this reader did not take will never be taken; it must not hold up the other agents.
            sequencer.Void(call.Items.Select(i => i.Ordinal).Append(call.End.Ordinal).Skip(taken));
        }
    }

    private Task PaceAsync(long started, RecordedItem item, CancellationToken cancellationToken)
    {
        if (_session.Speed is not { } speed)
        {
            return Task.CompletedTask;
        }

        var due = TimeSpan.FromMilliseconds(item.ElapsedMs / speed) - _session.TimeProvider.GetElapsedTime(started);
        return due > TimeSpan.Zero ? Task.Delay(due, _session.TimeProvider, cancellationToken) : Task.CompletedTask;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // Nothing to release: the recording belongs to the session.
    }
}
