using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Internal;

/// <summary>
/// The outermost layer: any failure leaves as a <see cref="ProviderException"/> naming the agent, the provider, the
/// provider's own message and the fix. The caller's own cancellation passes through untouched.
/// </summary>
internal sealed class ProviderErrorChatClient(IChatClient inner, ProviderCallContext call) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCallersCancellation(ex, cancellationToken))
        {
            throw ProviderErrors.Translate(ex, call);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (!IsCallersCancellation(ex, cancellationToken))
                {
                    throw ProviderErrors.Translate(ex, call);
                }

                yield return enumerator.Current;
            }
        }
    }

    private static bool IsCallersCancellation(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
