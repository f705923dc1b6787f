using System.Text.Json.Nodes;

namespace MassGen.Testing.Evaluation;

/// <summary>
/// An eval's report.json and items.jsonl with what may differ between two runs of the same eval taken out, to compare
/// a cluster's eval with the same eval in one process: wall time, and the team arm's spend and herding figures (its
/// members race, in one process as on a cluster, so how many turns a team run takes and who answered first depend on
/// timing; its answers, and so every score, do not).
/// </summary>
public static class ComparableEval
{
    private static readonly string[] s_timed = ["wall_seconds"];

    private static readonly string[] s_teamRace = ["input_tokens", "output_tokens", "tokens", "cost_usd", "team"];

    /// <summary>The report of the eval in <paramref name="folder"/>, as comparable JSON.</summary>
    public static string Report(string folder)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!.AsObject();
        report.Remove("team");
        return Strip(report).ToJsonString();
    }

    /// <summary>Its units (items.jsonl), as comparable JSON lines in a fixed order: arm, item, seed.</summary>
    public static List<string> Units(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, "items.jsonl"))
            .Select(line => Strip(JsonNode.Parse(line)!))
            .OrderBy(u => u["arm"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(u => u["item_index"]!.GetValue<int>())
            .ThenBy(u => u["seed"]!.GetValue<int>())
            .Select(u => u.ToJsonString())];

    private static JsonNode Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var teamArm = (obj["arm"] ?? obj["name"]) is JsonValue arm && arm.GetValue<string>() == "team";
                foreach (var name in teamArm ? [.. s_timed, .. s_teamRace] : s_timed)
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Strip(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    Strip(child);
                }

                break;
        }

        return node;
    }
}
