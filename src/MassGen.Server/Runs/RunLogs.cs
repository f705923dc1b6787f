using System.Text.Json.Nodes;

namespace MassGen.Server.Runs;

/// <summary>
/// Past runs, read from the run log folder (<c>.massgen/logs/&lt;run id&gt;/</c>): what the web view lists and replays
/// once a run is no longer live. Only folder names that are plain run ids are ever opened.
/// </summary>
internal sealed class RunLogs(string? root)
{
    /// <summary>At most this many past runs are listed, newest first.</summary>
    public const int ListLimit = 200;

    public const string EventsFile = "events.jsonl";

    /// <summary>The newest past runs: id, question, start time and, when the run finished, how it ended.</summary>
    public IReadOnlyList<PastRun> List()
    {
        if (root is null || !Directory.Exists(root))
        {
            return [];
        }

        return [.. new DirectoryInfo(root).EnumerateDirectories()
            .Where(d => IsRunId(d.Name) && File.Exists(Path.Combine(d.FullName, EventsFile)))
            .OrderByDescending(d => d.Name, StringComparer.Ordinal)
            .Take(ListLimit)
            .Select(Read)];
    }

    /// <summary>The path of a past run's event log, or null when there is none.</summary>
    public string? EventsPath(string runId)
    {
        if (root is null || !IsRunId(runId))
        {
            return null;
        }

        var path = Path.Combine(root, runId, EventsFile);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Run ids are letters, digits, '-', '_' and '.', never a path (no separators, not "." or "..").</summary>
    public static bool IsRunId(string id) =>
        id.Length is > 0 and <= 128 && id is not ("." or "..") && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static PastRun Read(DirectoryInfo folder)
    {
        var info = ReadJson(Path.Combine(folder.FullName, "run.json"));
        var result = ReadJson(Path.Combine(folder.FullName, "result.json"));
        return new PastRun(
            folder.Name,
            Text(info, "question") ?? Text(result, "question") ?? "",
            Text(info, "started_at"),
            Text(info, "source"),
            result is null ? "incomplete" : "finished",
            Text(result, "termination_reason"));
    }

    private static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o.TryGetPropertyValue(key, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            // A file being written, or damaged: the run is listed without it.
            return null;
        }
    }
}

/// <summary>A run in the log folder.</summary>
internal sealed record PastRun(string Id, string Question, string? StartedAt, string? Source, string Status, string? TerminationReason);
