using System.Text;
using System.Text.Json.Nodes;
using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>Writes one Chat Completions response: SSE chunks as updates arrive, or one <c>chat.completion</c> at the end.</summary>
internal sealed class CompletionWriter(HttpContext context, TeamRequest request, long created) : ITeamResponseWriter
{
    private readonly StringBuilder _text = new();
    private UsageDetails? _usage;
    private string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
    private bool _started;

    public async Task StartAsync(string runId)
    {
        _id = "chatcmpl-" + runId;
        context.Response.Headers[TeamRequestRunner.RunIdHeader] = runId;
        if (!request.Stream)
        {
            return;
        }

        EventStream.Begin(context.Response);
        _started = true;
        await SendAsync(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
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
            await SendAsync(Chunk(new JsonObject { ["content"] = text }, null));
        }
    }

    /// <summary>The opt-in extension: a chunk with no choices (as the usage chunk) carrying the event under <c>massgen</c>.</summary>
    public Task ProgressAsync(ServedEvent servedEvent)
    {
        var chunk = Envelope();
        chunk["choices"] = new JsonArray();
        chunk["massgen"] = JsonNode.Parse(servedEvent.Json);
        return request.Stream ? SendAsync(chunk) : Task.CompletedTask;
    }

    public async Task FinishAsync()
    {
        if (!request.Stream)
        {
            var completion = Envelope("chat.completion");
            completion["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = _text.ToString(), ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            });
            completion["usage"] = Usage(_usage);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(completion.ToJsonString(), context.RequestAborted);
            return;
        }

        await SendAsync(Chunk(new JsonObject(), "stop"));
        if (request.IncludeUsage)
        {
            var usage = Envelope();
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(_usage);
            await SendAsync(usage);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>An error before the stream began is an ordinary error response; after, an error event ends the stream.</summary>
    public async Task FailAsync(int status, string message, string type, string? code)
    {
        if (!_started && !context.Response.HasStarted)
        {
            await OpenAiError.WriteAsync(context, status, message, type, code);
            return;
        }

        try
        {
            await SendAsync(OpenAiError.Body(message, type, code));
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client is gone; there is nobody to tell.
        }
    }

    private JsonObject Chunk(JsonObject delta, string? finishReason)
    {
        var chunk = Envelope();
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason });
        return chunk;
    }

    private JsonObject Envelope(string type = "chat.completion.chunk") => new()
    {
        ["id"] = _id,
        ["object"] = type,
        ["created"] = created,
        ["model"] = request.Model,
        ["system_fingerprint"] = null,
    };

    private static JsonObject Usage(UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        return new JsonObject
        {
            ["prompt_tokens"] = input,
            ["completion_tokens"] = output,
            ["total_tokens"] = input + output,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage?.CachedInputTokenCount ?? 0 },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage?.ReasoningTokenCount ?? 0 },
        };
    }

    private async Task SendAsync(JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
