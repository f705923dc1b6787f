using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using MassGen.Core.Results;

namespace MassGen.Cli.Logging;

/// <summary>
/// Writes what one agent sent to its model and what came back, per turn and call, under
/// <c>agents/&lt;id&gt;/turn_&lt;N&gt;/call_&lt;k&gt;.json</c>. Every coordination turn starts a fresh conversation
/// (system and user message only), so a request without assistant or tool messages opens the next turn; the calls
/// after it (tool results, rejected decisions fed back) belong to that turn. The files are written by the run's
/// <see cref="CallLogWriter"/>, never on the way from the model back to the engine.
/// </summary>
internal sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly string _agentDirectory;
    private readonly CallLogWriter _writer;
    private readonly Lock _gate = new();
    private int _turn;
    private int _call;

    public RecordingChatClient(IChatClient innerClient, string agentDirectory, CallLogWriter writer)
        : base(innerClient)
    {
        _agentDirectory = agentDirectory;
        _writer = writer;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var path = NextCallPath(sent);
        try
        {
            var response = await base.GetResponseAsync(sent, options, cancellationToken);
            Write(path, sent, options, () => response, error: null);
            return response;
        }
        catch (Exception exception)
        {
            Write(path, sent, options, () => null, error: exception);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var path = NextCallPath(sent);
        var updates = new List<ChatResponseUpdate>();

        // Written also when the consumer stops early (a cancelled turn), so the log shows what had arrived.
        void End(Exception? failure, bool completed) => Write(
            path, sent, options, () => updates.ToChatResponse(), failure ?? (completed ? null : new OperationCanceledException("The turn stopped reading the stream.")));
        await foreach (var update in ObservedStream.Observe(base.GetStreamingResponseAsync(sent, options, cancellationToken), updates.Add, End, cancellationToken))
        {
            yield return update;
        }
    }

    private string NextCallPath(List<ChatMessage> sent)
    {
        _writer.NoteCallStarting();
        lock (_gate)
        {
            var opensTurn = _turn == 0 || !sent.Any(m => m.Role == ChatRole.Assistant || m.Role == ChatRole.Tool);
            if (opensTurn)
            {
                _turn++;
                _call = 0;
            }

            _call++;
            return Path.Combine(_agentDirectory, $"turn_{_turn:D3}", $"call_{_call:D2}.json");
        }
    }

    // Only what the caller might change later is copied now (the options object is reused between calls); the rest
    // (the sent list, the updates) is owned by this call, so rendering waits for the writer.
    private void Write(string path, List<ChatMessage> sent, ChatOptions? options, Func<ChatResponse?> response, Exception? error)
    {
        var tools = (options?.Tools ?? []).Select(t => t.Name).ToList();
        var (modelId, temperature) = (options?.ModelId, options?.Temperature);
        var errorText = error is null ? null : $"{error.GetType().Name}: {error.Message}";
        _writer.Enqueue(path, () => Render(sent, tools, modelId, temperature, response(), errorText));
    }

    private static JsonObject Render(List<ChatMessage> sent, List<string> tools, string? modelId, float? temperature, ChatResponse? response, string? error) => new()
    {
        ["sent"] = Messages(sent),
        ["tools"] = new JsonArray([.. tools.Select(name => (JsonNode?)JsonValue.Create(name))]),
        ["model_id"] = modelId,
        ["temperature"] = temperature,
        ["received"] = response is null ? null : Messages(response.Messages),
        ["finish_reason"] = response?.FinishReason?.Value,
        ["usage"] = response?.Usage is { } usage
            ? new JsonObject
            {
                ["input_tokens"] = usage.InputTokenCount,
                ["output_tokens"] = usage.OutputTokenCount,
                ["reasoning_tokens"] = usage.ReasoningTokenCount,
                ["cached_input_tokens"] = usage.CachedInputTokenCount,
                ["cache_write_input_tokens"] = usage.AdditionalCounts?.GetValueOrDefault(TokenUsage.CacheWriteInputTokensKey),
            }
            : null,
        ["error"] = error,
    };

    private static JsonArray Messages(IEnumerable<ChatMessage> messages) =>
        new([.. messages.Select(message => (JsonNode?)new JsonObject
        {
            ["role"] = message.Role.Value,
            ["content"] = new JsonArray([.. message.Contents.Where(c => c is not TextContent { Text.Length: 0 }).Select(Content)]),
        })]);

    private static JsonNode? Content(AIContent content) => content switch
    {
        TextContent text => new JsonObject { ["text"] = text.Text },
        TextReasoningContent reasoning => new JsonObject { ["reasoning"] = reasoning.Text },
        FunctionCallContent call => new JsonObject
        {
            ["function_call"] = call.Name,
            ["call_id"] = call.CallId,
            ["arguments"] = JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions),
        },
        FunctionResultContent result => new JsonObject
        {
            ["function_result"] = result.CallId,
            ["result"] = JsonSerializer.SerializeToNode(result.Result, AIJsonUtilities.DefaultOptions),
        },
        WebSearchToolCallContent search => new JsonObject
        {
            ["web_search"] = search.CallId,
            ["queries"] = new JsonArray([.. (search.Queries ?? []).Select(q => (JsonNode?)JsonValue.Create(q))]),
        },
        WebSearchToolResultContent found => new JsonObject
        {
            ["web_search_result"] = found.CallId,
            ["sources"] = new JsonArray([.. (found.Outputs ?? []).OfType<UriContent>().Select(s => (JsonNode?)new JsonObject
            {
                ["url"] = s.Uri.ToString(),
                ["title"] = s.AdditionalProperties?.GetValueOrDefault("title") as string,
            })]),
        },
        CodeInterpreterToolCallContent code => new JsonObject
        {
            ["code_execution"] = code.CallId,
            ["code"] = string.Concat((code.Inputs ?? []).OfType<DataContent>().Select(d => System.Text.Encoding.UTF8.GetString(d.Data.Span))),
        },
        CodeInterpreterToolResultContent output => new JsonObject
        {
            ["code_execution_result"] = output.CallId,
            ["output"] = string.Concat((output.Outputs ?? []).OfType<TextContent>().Select(t => t.Text)),
        },
        _ => new JsonObject { ["kind"] = content.GetType().Name },
    };
}
