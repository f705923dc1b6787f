using System.Text.Json.Nodes;
using MassGen.Cli.Logging;

namespace MassGen.Cli.Commands;

/// <summary>The headline facts of a logged run, read from its run.json and result.json (either may be missing).</summary>
internal sealed record RunSummary(string? Question, JsonObject? Result)
{
    public string? Termination => Result?["termination_reason"]?.GetValue<string>();

    public string? WinnerId => Result?["winner_id"]?.GetValue<string>();

    /// <summary>The folder holding the final answer's files, when the team had workspaces.</summary>
    public string? FinalWorkspace => Result?["final_workspace"]?.GetValue<string>();

    public double? DurationSeconds => Result?["duration_seconds"]?.GetValue<double>();

    public long TotalTokens =>
        (Result?["total_usage"]?["input_tokens"]?.GetValue<long>() ?? 0) + (Result?["total_usage"]?["output_tokens"]?.GetValue<long>() ?? 0);

    public decimal? CostUsd => Result?["total_usage"]?["cost_usd"]?.GetValue<decimal>();

    public static RunSummary Read(string directory)
    {
        var result = ReadObject(Path.Combine(directory, RunLogger.ResultFile));
        var info = ReadObject(Path.Combine(directory, RunLogger.RunInfoFile));
        var question = result?["question"]?.GetValue<string>() ?? info?["question"]?.GetValue<string>();
        return new RunSummary(question, result);
    }

    private static JsonObject? ReadObject(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
