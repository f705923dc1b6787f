using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Core.Agents;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Recording;

/// <summary>
/// Records every exchange of one agent with its model at the <see cref="IChatClient"/> boundary the engine sees (after
/// the provider's retries): the request's canonical form and hash, each streamed update with its time since the call
/// started and its place in the run's global order, the usage, and how the call ended. One line per call, written when
/// the call ends (also when the engine stops reading early).
/// </summary>
internal sealed class ExchangeRecorderChatClient : DelegatingChatClient
{
    private readonly string _agentId;
    private readonly RecordingWriter _writer;
    private int _calls;

    /// <param name="innerClient">The model.</param>
    /// <param name="agentId">The agent whose calls are recorded.</param>
    /// <param name="writer">The recording.</param>
    /// <param name="callsBefore">Calls of this agent already in the recording (a resumed run numbers on from them).</param>
    public ExchangeRecorderChatClient(IChatClient innerClient, string agentId, RecordingWriter writer, int callsBefore = 0)
        : base(innerClient)
    {
        _agentId = agentId;
        _writer = writer;
        _calls = callsBefore;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var call = Start(sent, options, streaming: false);
        try
        {
            var response = await base.GetResponseAsync(sent, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates())
            {
                call.Add(update);
            }

            call.End(null, completed: true);
            return response;
        }
        catch (Exception exception)
        {
            call.End(exception, completed: false);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var call = Start(sent, options, streaming: true);
        await foreach (var update in ObservedStream.Observe(base.GetStreamingResponseAsync(sent, options, cancellationToken), call.Add, call.End, cancellationToken))
        {
            yield return update;
        }
    }

    private PendingCall Start(List<ChatMessage> sent, ChatOptions? options, bool streaming)
    {
        var canonical = ExchangeFingerprint.Canonical(sent, options);
        return new PendingCall(this, Interlocked.Increment(ref _calls), canonical, streaming);
    }

    /// <summary>One call being recorded; its line is written once, when it ends.</summary>
    private sealed class PendingCall(ExchangeRecorderChatClient owner, int number, JsonObject request, bool streaming)
    {
        private readonly long _started = owner._writer.TimeProvider.GetTimestamp();
        private readonly JsonArray _items = [];
        private UsageDetails? _usage;
        private int _ended;

        public void Add(ChatResponseUpdate update)
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                _usage = usage.Details;
            }

            _items.Add(Item(JsonSerializer.SerializeToNode(update, RecordingJson.Options)));
        }

        public void End(Exception? failure, bool completed)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 1)
            {
                return;
            }

            var line = new JsonObject
            {
                ["kind"] = "call",
                ["agent"] = owner._agentId,
                ["call"] = number,
                ["hash"] = ExchangeFingerprint.Hash(request),
                ["streaming"] = streaming,
                ["request"] = request,
                ["items"] = _items,
                ["end"] = Item(null),
                ["outcome"] = failure is not null ? "failed" : completed ? "completed" : "stopped",
                ["error"] = failure is null ? null : new JsonObject
                {
                    ["type"] = failure.GetType().Name,
                    ["message"] = failure.Message,
                    ["permanent"] = Permanent(failure),
                },
                ["usage"] = _usage is null ? null : JsonSerializer.SerializeToNode(_usage, RecordingJson.Options),
            };
            owner._writer.Append(line);
        }

        private JsonObject Item(JsonNode? update)
        {
            var item = new JsonObject
            {
                ["o"] = owner._writer.NextOrdinal(),
                ["e"] = owner._writer.EventsSeen,
                ["t_ms"] = Math.Round(owner._writer.TimeProvider.GetElapsedTime(_started).TotalMilliseconds, 3),
            };
            if (update is not null)
            {
                item["update"] = update;
            }

            return item;
        }

        private static bool Permanent(Exception exception)
        {
            for (Exception? current = exception; current is not null; current = current.InnerException)
            {
                if (current is IPermanentFailure { IsPermanent: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
