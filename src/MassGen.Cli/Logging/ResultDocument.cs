using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Core.Results;

namespace MassGen.Cli.Logging;

/// <summary>
/// The result object printed by <c>--json</c> and written to <c>result.json</c>: the same bytes in both places, so a
/// script can read either. It is the <see cref="CoordinationResult"/> plus where the run's logs and session are, and
/// the web sources answers were grounded on, and the folder holding the final answer's files (<c>final_workspace</c>).
/// </summary>
internal static class ResultDocument
{
    public static JsonObject Create(CoordinationResult result, string runId, string? logDirectory, string? sessionId, string question, WebSources? sources = null, string? finalWorkspace = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var node = JsonSerializer.SerializeToNode(result, RunLogJson.Indented)!.AsObject();
        var document = new JsonObject
        {
            ["run_id"] = runId,
            ["question"] = question,
            ["session_id"] = sessionId,
            ["log_directory"] = logDirectory,
            ["final_workspace"] = finalWorkspace,
            ["duration_seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
        };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }

        // Grounding sources of the providers' own web search: the winner's beside the final answer, and everyone's.
        document["final_answer_sources"] = result.WinnerId is { } winner && sources is not null ? sources.ToJson(winner) : new JsonArray();
        document["web_sources"] = sources?.ToJson() ?? new JsonArray();
        return document;
    }

    public static string ToJson(JsonObject document) => document.ToJsonString(RunLogJson.Indented);
}
