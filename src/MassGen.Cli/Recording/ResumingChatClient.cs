using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Recording;

/// <summary>
/// One agent's model in a resumed run: a request that the stopped run had already sent and seen answered is answered
/// from its recording (at once, nothing paid again); any other request goes to the real model (and, below this
/// client, into the same recording). Redone turns open with the same messages as the interrupted ones, so the calls
/// they had finished before the stop match their recorded requests exactly.
/// </summary>
internal sealed class ResumingChatClient : DelegatingChatClient
{
    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _unused;

    /// <param name="innerClient">The real model (recorded).</param>
    /// <param name="recorded">This agent's recorded calls.</param>
    public ResumingChatClient(IChatClient innerClient, IEnumerable<RecordedCall> recorded)
        : base(innerClient)
    {
        // Only calls that completed can stand in for a live one; a failed or abandoned call is worth trying again.
        _unused = [.. recorded.Where(c => c.Outcome == "completed").OrderBy(c => c.Number)];
    }

    /// <summary>Requests answered from the recording so far.</summary>
    public int Replayed { get; private set; }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        if (Take(sent, options) is { } call)
        {
            return Updates(call).ToChatResponse();
        }

        return await base.GetResponseAsync(sent, options, cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        if (Take(sent, options) is { } call)
        {
            foreach (var update in Updates(call))
            {
                yield return update;
            }

            yield break;
        }

        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken))
        {
            yield return update;
        }
    }

    // The newest matching call: an interrupted turn's finished calls are this agent's latest ones, and an identical
    // request of an earlier, finished turn (a retry on an unchanged revision) must not stand in for them.
    private RecordedCall? Take(List<ChatMessage> messages, ChatOptions? options)
    {
        var hash = ExchangeFingerprint.Hash(ExchangeFingerprint.Canonical(messages, options));
        lock (_gate)
        {
            var index = _unused.FindLastIndex(c => c.Hash == hash);
            if (index < 0)
            {
                return null;
            }

            var call = _unused[index];
            _unused.RemoveAt(index);
            Replayed++;
            return call;
        }
    }

    private static IEnumerable<ChatResponseUpdate> Updates(RecordedCall call) =>
        call.Items.Select(item => item.Update.Deserialize<ChatResponseUpdate>(RecordingJson.Options)!);
}
