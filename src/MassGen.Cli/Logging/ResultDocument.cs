using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Core.Results;

namespace MassGen.Cli.Logging;

/// <summary>
/// The result object printed by <c>--json</c> and written to <c>result.json</c>: the same bytes in both places, so a
/// script can read either. It is the <see cref="CoordinationResult"/> plus where the run's logs and session are.
/// </summary>
internal static class ResultDocument
{
    public static JsonObject Create(CoordinationResult result, string runId, string? logDirectory, string? sessionId, string question)
    {
        ArgumentNullException.ThrowIfNull(result);
        var node = JsonSerializer.SerializeToNode(result, RunLogJson.Indented)!.AsObject();
        var document = new JsonObject
        {
            ["run_id"] = runId,
            ["question"] = question,
            ["session_id"] = sessionId,
            ["log_directory"] = logDirectory,
            ["duration_seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
        };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }

        return document;
    }

    public static string ToJson(JsonObject document) => document.ToJsonString(RunLogJson.Indented);
}
