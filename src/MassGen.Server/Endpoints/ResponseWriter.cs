using System.Text;
using System.Text.Json.Nodes;
using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>
/// Writes one Responses API answer: a <c>response</c> object with one assistant message, or, streamed, the event
/// sequence OpenAI sends for a text answer (<c>response.created</c> … <c>response.output_text.delta</c> …
/// <c>response.completed</c>), each event numbered. Coordination progress has no place in this format (clients reject
/// event types they do not know); <c>GET /v1/runs/{id}/events</c> carries it.
/// </summary>
internal sealed class ResponseWriter(HttpContext context, TeamRequest request, long created) : ITeamResponseWriter
{
    private readonly StringBuilder _text = new();
    private UsageDetails? _usage;
    private string _id = "resp_" + Guid.NewGuid().ToString("N");
    private string _messageId = "msg_" + Guid.NewGuid().ToString("N");
    private int _sequence;
    private bool _started;

    public async Task StartAsync(string runId)
    {
        _id = "resp_" + runId;
        _messageId = "msg_" + runId;
        context.Response.Headers[TeamRequestRunner.RunIdHeader] = runId;
        if (!request.Stream)
        {
            return;
        }

        EventStream.Begin(context.Response);
        _started = true;
        await SendAsync("response.created", new JsonObject { ["response"] = Response("in_progress", output: []) });
        await SendAsync("response.in_progress", new JsonObject { ["response"] = Response("in_progress", output: []) });
        await SendAsync("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Message("in_progress", withText: false) });
        await SendAsync("response.content_part.added", Part(new JsonObject { ["part"] = OutputText("") }));
    }

    public async Task AddAsync(ChatResponseUpdate update)
    {
        _usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? _usage;
        var text = update.Text;
        if (text.Length == 0)
        {
            return;
        }

        _text.Append(text);
        if (request.Stream)
        {
            await SendAsync("response.output_text.delta", Part(new JsonObject { ["delta"] = text, ["logprobs"] = new JsonArray() }));
        }
    }

    public Task ProgressAsync(ServedEvent servedEvent) => Task.CompletedTask;

    public async Task FinishAsync()
    {
        if (!request.Stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Response("completed", [Message("completed", withText: true)]).ToJsonString(), context.RequestAborted);
            return;
        }

        var text = _text.ToString();
        await SendAsync("response.output_text.done", Part(new JsonObject { ["text"] = text, ["logprobs"] = new JsonArray() }));
        await SendAsync("response.content_part.done", Part(new JsonObject { ["part"] = OutputText(text) }));
        await SendAsync("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Message("completed", withText: true) });
        await SendAsync("response.completed", new JsonObject { ["response"] = Response("completed", [Message("completed", withText: true)]) });
    }

    /// <summary>Before the stream began, an ordinary error response; after, <c>response.failed</c> ends the stream.</summary>
    public async Task FailAsync(int status, string message, string type, string? code)
    {
        if (!_started && !context.Response.HasStarted)
        {
            await OpenAiError.WriteAsync(context, status, message, type, code);
            return;
        }

        try
        {
            var failed = Response("failed", output: []);
            failed["error"] = new JsonObject { ["code"] = code ?? "server_error", ["message"] = message };
            await SendAsync("response.failed", new JsonObject { ["response"] = failed });
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client is gone; there is nobody to tell.
        }
    }

    private JsonObject Response(string status, JsonArray output) => new()
    {
        ["id"] = _id,
        ["object"] = "response",
        ["created_at"] = created,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = request.Instructions,
        ["model"] = request.Model,
        ["output"] = output,
        ["parallel_tool_calls"] = false,
        ["previous_response_id"] = null,
        ["store"] = false,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "none",
        ["tools"] = new JsonArray(),
        ["truncation"] = "disabled",
        ["usage"] = status == "completed" ? Usage(_usage) : null,
        ["metadata"] = request.Metadata?.DeepClone() ?? new JsonObject(),
    };

    private JsonObject Message(string status, bool withText) => new()
    {
        ["id"] = _messageId,
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = withText ? new JsonArray(OutputText(_text.ToString())) : new JsonArray(),
    };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    /// <summary>The fields every event about the answer's one text part carries, plus the event's own.</summary>
    private JsonObject Part(JsonObject fields)
    {
        var scoped = new JsonObject { ["item_id"] = _messageId, ["output_index"] = 0, ["content_index"] = 0 };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            scoped[name] = value;
        }

        return scoped;
    }

    private static JsonObject Usage(UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        return new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = usage?.CachedInputTokenCount ?? 0 },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage?.ReasoningTokenCount ?? 0 },
            ["total_tokens"] = input + output,
        };
    }

    private async Task SendAsync(string type, JsonObject payload)
    {
        var data = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
        foreach (var (name, value) in payload.ToList())
        {
            payload.Remove(name);
            data[name] = value;
        }

        await context.Response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
