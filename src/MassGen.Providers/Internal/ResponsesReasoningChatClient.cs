using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // The Responses types are marked experimental in the SDK; PROVIDERS.md makes them the openai type's protocol.

namespace MassGen.Providers.Internal;

/// <summary>
/// Sends a Responses reasoning model's reasoning items back exactly as the API returned them, between the calls of one
/// turn. The API documents that after a tool call the response's reasoning items go back in the next request's
/// <c>input</c> (with their <c>encrypted_content</c> when nothing is stored). The SDK adapter rebuilds them from the
/// streamed pieces instead (a model that reasons silently gets an invented empty summary part). Each finished reasoning
/// item is therefore added to the streamed updates as content carrying the item itself, which the adapter sends back
/// verbatim, and the rebuilt reasoning text (already shown live as reasoning) is left out of the request so that no
/// item goes twice.
/// </summary>
internal sealed class ResponsesReasoningChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Outgoing(messages), options, cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(Outgoing(messages), options, cancellationToken).ConfigureAwait(false))
        {
            if (update.RawRepresentation is StreamingResponseOutputItemDoneUpdate { Item: ReasoningResponseItem item })
            {
                update.Contents.Add(new AIContent { RawRepresentation = item });
            }

            yield return update;
        }
    }

    /// <summary>
    /// The messages with the loose reasoning text of assistant messages removed: in a request it would become a second,
    /// rebuilt copy of an item that is already there verbatim. Messages are copied, never changed.
    /// </summary>
    internal static IEnumerable<ChatMessage> Outgoing(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.Assistant || !message.Contents.Any(IsLooseReasoningText))
            {
                yield return message;
                continue;
            }

            var copy = message.Clone();
            copy.Contents = [.. message.Contents.Where(c => !IsLooseReasoningText(c))];
            yield return copy;
        }
    }

    private static bool IsLooseReasoningText(AIContent content) =>
        content is TextReasoningContent && content.RawRepresentation is not ResponseItem;
}
