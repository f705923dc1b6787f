using System.Text.Json.Nodes;
using MassGen.Cli.Runs;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Recording;

/// <summary>Opens a run's recording and writes its header: what a replay needs to run the same coordination again.</summary>
internal static class RunRecordingStart
{
    public const string FileName = "recording.jsonl";

    /// <summary>The recording of this run, or null when it is not recorded.</summary>
    public static RecordingWriter? Open(RunPlan plan, CoordinationRequest request, string runId, string? logDirectory, string massgenDirectory, IReadOnlyDictionary<string, string> environment, TimeProvider timeProvider)
    {
        if (plan.Replay is not null)
        {
            return null;
        }

        if (plan.ResumeRecording is { } stopped)
        {
            // A resumed run goes on writing the stopped run's recording: the header and seed are there already.
            return new RecordingWriter(plan.RecordPath!, MassGen.Core.Text.SecretNames.ValuesIn(environment), timeProvider, stopped);
        }

        var path = plan.RecordPath
            ?? (plan.RecordToLog ? Path.Combine(logDirectory ?? Path.Combine(massgenDirectory, "recordings", runId), FileName) : null);
        if (path is null)
        {
            return null;
        }

        var writer = new RecordingWriter(path, MassGen.Core.Text.SecretNames.ValuesIn(environment), timeProvider);
        writer.Append(new JsonObject
        {
            ["kind"] = "header",
            ["version"] = RecordingJson.Version,
            ["run_id"] = runId,
            ["recorded_at"] = timeProvider.GetUtcNow(),
            ["source"] = plan.Source,
            ["question"] = request.Task,
            ["history"] = new JsonArray([.. request.History.Select(t => (JsonNode?)new JsonObject { ["user"] = t.User, ["assistant"] = t.Assistant })]),
            ["agents"] = new JsonArray([.. plan.Agents.Select(a => (JsonNode?)JsonValue.Create(a.Id))]),
            ["config"] = plan.ReplayableConfig?.Value.DeepClone(),
        });
        return writer;
    }

    /// <summary>The seed line, written when the run reports the seed it uses.</summary>
    public static void WriteSeed(RecordingWriter writer, int seed) =>
        writer.Append(new JsonObject { ["kind"] = "seed", ["seed"] = seed });
}
