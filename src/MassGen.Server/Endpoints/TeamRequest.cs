using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Server.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace MassGen.Server.Endpoints;

/// <summary>A request for one team run, read from one of the OpenAI formats the server speaks.</summary>
/// <param name="Model">The team's name.</param>
/// <param name="Messages">The conversation; the last message is the user's, the task.</param>
internal sealed record TeamRequest(string Model, IReadOnlyList<ChatMessage> Messages)
{
    public bool Stream { get; init; }

    /// <summary>Chat Completions only: usage in a last chunk of the stream (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>The opt-in extension: coordination events in the stream, where the format has room for them.</summary>
    public bool Progress { get; init; }

    /// <summary>Responses API only: the request's <c>instructions</c>, echoed in the response object as OpenAI does.</summary>
    public string? Instructions { get; init; }

    /// <summary>Responses API only: the request's <c>metadata</c> object, echoed in the response object.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Request fields that have no effect on a team (temperature, max_tokens, tools, ...).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];
}

/// <summary>Reads a request body of one format: the request, or what is wrong with it and which field.</summary>
internal delegate (TeamRequest? Request, string? Problem, string? Param) TeamRequestParser(JsonElement root);

/// <summary>Makes the writer that answers a request in its format.</summary>
internal delegate ITeamResponseWriter TeamResponseWriterFactory(HttpContext context, TeamRequest request, long created);

/// <summary>Answers one team run in an OpenAI format, as the run's updates arrive.</summary>
internal interface ITeamResponseWriter
{
    /// <summary>The run has started (its id is known): headers, and the opening of a stream.</summary>
    Task StartAsync(string runId);

    /// <summary>A piece of the final answer, or usage.</summary>
    Task AddAsync(ChatResponseUpdate update);

    /// <summary>A coordination event for a request that asked for progress.</summary>
    Task ProgressAsync(ServedEvent servedEvent);

    Task FinishAsync();

    /// <summary>An error: an error response before the stream began, the format's error event after.</summary>
    Task FailAsync(int status, string message, string type, string? code);
}
