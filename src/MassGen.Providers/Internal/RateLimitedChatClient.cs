using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Internal;

/// <summary>
/// Takes a request (and its estimated input tokens) from the key's shared limiter before each call, including each
/// retry, and turns a 429 with <c>Retry-After</c> into a pause of the key for every agent that uses it.
/// </summary>
internal sealed class RateLimitedChatClient(IChatClient innerClient, KeyRateLimiter limiter) : DelegatingChatClient(innerClient)
{
    public KeyRateLimiter Limiter => limiter;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        using var lease = await limiter.AcquireAsync(EstimateTokens(sent), cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (PauseFor(exception))
        {
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        using var lease = await limiter.AcquireAsync(EstimateTokens(sent), cancellationToken).ConfigureAwait(false);
        await using var enumerator = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception exception) when (PauseFor(exception))
            {
                throw;
            }

            yield return enumerator.Current;
        }
    }

    // About four characters per token: enough to keep a minute's volume under the limit without a tokenizer.
    internal static int EstimateTokens(IEnumerable<ChatMessage> messages) =>
        (int)Math.Min(int.MaxValue, messages.Sum(m => (long)m.Text.Length) / 4 + 1);

    // Never catches: records the pause and lets the exception go on to the retry policy.
    private bool PauseFor(Exception exception)
    {
        if (ProviderErrors.Find<ProviderHttpException>(exception) is { StatusCode: System.Net.HttpStatusCode.TooManyRequests, RetryAfter: { } retryAfter })
        {
            limiter.Pause(retryAfter);
        }

        return false;
    }
}
