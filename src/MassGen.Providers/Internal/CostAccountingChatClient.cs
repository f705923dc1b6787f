using System.Runtime.CompilerServices;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Internal;

/// <summary>
/// Prices every usage report that passes by, writing the cost into
/// <c>UsageDetails.AdditionalCounts[TokenUsage.CostNanoUsdKey]</c>. With no known price it writes nothing: tokens
/// only, never an invented cost.
/// </summary>
internal sealed class CostAccountingChatClient(IChatClient inner, ModelPrice? price) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Price(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    Price(usage.Details);
                }
            }

            yield return update;
        }
    }

    private void Price(UsageDetails? usage)
    {
        if (price is null || usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return;
        }

        usage.AdditionalCounts ??= [];
        if (usage.AdditionalCounts.ContainsKey(TokenUsage.CostNanoUsdKey))
        {
            // The provider priced the call itself (the Claude Code CLI does): keep its figure.
            return;
        }

        usage.AdditionalCounts.TryGetValue(TokenUsage.CacheWriteInputTokensKey, out var cacheWrites);
        usage.AdditionalCounts[TokenUsage.CostNanoUsdKey] = price.CostNanoUsd(
            usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0, cacheWrites);
    }
}
