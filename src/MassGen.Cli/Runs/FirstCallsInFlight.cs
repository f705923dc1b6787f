using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Runs;

/// <summary>
/// Calls <paramref name="allWaiting"/> once every agent's first model call has been sent and waits for its answer:
/// from then on the run only waits for the network, the moment <see cref="Rehearsal"/> uses without delaying a request.
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
            await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            // The first step runs until the request is on its way (or failed); what is left is waiting for the answer.
            var first = updates.MoveNextAsync();
            owner.FirstCallSent();
            if (!await first.ConfigureAwait(false))
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
