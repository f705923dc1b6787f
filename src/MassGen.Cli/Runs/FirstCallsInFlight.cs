using System.Runtime.CompilerServices;
using MassGen.Providers;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Runs;

/// <summary>
/// Calls <paramref name="allWaiting"/> once every agent's first model call has been sent and waits for its answer:
/// from then on the run only waits for the network, the moment <see cref="Rehearsal"/> and the held run log use without
/// delaying a request. An HTTP call counts once its request has been written (<see cref="RequestSentWatch"/>).
/// </summary>
internal sealed class FirstCallsInFlight(int agents, Action allWaiting)
{
    private int _waiting;

    /// <summary>The agent's client, watched for its first call; later calls pass straight through.</summary>
    public IChatClient Watch(IChatClient client) => new Watcher(client, this);

    private void FirstCallSent()
    {
        if (Interlocked.Increment(ref _waiting) == agents)
        {
            allWaiting();
        }
    }

    private sealed class Watcher(IChatClient inner, FirstCallsInFlight owner) : DelegatingChatClient(inner)
    {
        private int _called;

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _called, 1) == 0
                ? FirstCallAsync(messages, options, cancellationToken)
                : base.GetStreamingResponseAsync(messages, options, cancellationToken);

        private async IAsyncEnumerable<ChatResponseUpdate> FirstCallAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var counted = 0;
            void CountOnce()
            {
                if (Interlocked.Exchange(ref counted, 1) == 0)
                {
                    owner.FirstCallSent();
                }
            }

            // The first step runs until the call first waits: for an HTTP provider, usually while connecting, before its
            // request is written; the watch says when it has been. Without a request under way by then (a local model,
            // a command-line agent, a call held by a rate limit) the call counts as waiting at once, and any call counts
            // once its first step ends (a chunk, the end, or a failure).
            var watch = new RequestSentWatch(CountOnce);
            IAsyncEnumerator<ChatResponseUpdate> updates;
            ValueTask<bool> first;
            using (watch.Begin())
            {
                updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                first = updates.MoveNextAsync();
            }

            await using var _ = updates.ConfigureAwait(false);
            if (!watch.RequestStarted)
            {
                CountOnce();
            }

            bool more;
            try
            {
                more = await first.ConfigureAwait(false);
            }
            finally
            {
                CountOnce();
            }

            if (!more)
            {
                yield break;
            }

            yield return updates.Current;
            while (await updates.MoveNextAsync().ConfigureAwait(false))
            {
                yield return updates.Current;
            }
        }
    }
}
