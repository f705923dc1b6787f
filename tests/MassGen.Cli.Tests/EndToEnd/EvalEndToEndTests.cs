using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// <c>massgen eval</c> in-process against the fake provider server with scripted members whose right and wrong answers
/// per item are fixed, so every figure of report.json is known and checked against values computed here.
/// </summary>
public sealed class EvalEndToEndTests
{
    private const double Z = 1.959963984540054;

    // 20 GSM8K items. alpha: 0-13 right; beta: 0-9, 14, 15; gamma: 0-5, 16-18; nobody: 19. The team: 0-9 and 11-17.
    internal static EvalScript Script() => new(
        new Dictionary<string, HashSet<int>>(StringComparer.Ordinal)
        {
            ["alpha"] = [.. Enumerable.Range(0, 14)],
            ["beta"] = [.. Enumerable.Range(0, 10), 14, 15],
            ["gamma"] = [.. Enumerable.Range(0, 6), 16, 17, 18],
        },
        [.. Enumerable.Range(0, 10), .. Enumerable.Range(11, 7)]);

    [Fact(Timeout = TestTimeouts.Process)]
    public async Task Eval_ScriptedMembers_ReportsEveryFigureExactly()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var script = Script();
        script.Failures.Add(("beta", 19));
        server.Responder = script.Respond;
        using var test = new TestHost();
        var (config, input) = await WriteFilesAsync(test.WorkingDirectory, script, server, 20);

        var exit = await new MassGenApp(test.Host).RunAsync(["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--output", "out", "--concurrency", "3", "--json"]);

        Assert.True(exit == 0, test.Error.ToString());
        var report = JsonNode.Parse(test.Output.ToString())!;
        Assert.True(report["complete"]!.GetValue<bool>());
        var arms = report["arms"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => a!);
        Assert.Equal(["single:alpha", "single:beta", "single:gamma", "vote", "self-consistency", "council", "team", "oracle"], arms.Keys);
        AssertArm(arms["single:alpha"], 20, 14, errors: 0);
        AssertArm(arms["single:beta"], 19, 12, errors: 1);
        AssertArm(arms["single:gamma"], 20, 9, errors: 0);
        AssertArm(arms["vote"], 20, 10, errors: 0);
        AssertArm(arms["self-consistency"], 20, 14, errors: 0);
        AssertArm(arms["council"], 20, 14, errors: 0);
        AssertArm(arms["team"], 20, 17, errors: 0);
        AssertArm(arms["oracle"], 20, 19, errors: 0);

        // Every call reports 110 tokens at $1 and $2 per million: $0.00012 a call. beta's refused call reported nothing.
        const long call = EvalScript.InputTokens + EvalScript.OutputTokens;
        Assert.Equal(20 * call, arms["single:alpha"]["tokens"]!.GetValue<long>());
        Assert.Equal(19 * call, arms["single:beta"]["tokens"]!.GetValue<long>());
        Assert.Equal(59 * call, arms["vote"]["tokens"]!.GetValue<long>());
        Assert.Equal(79 * call, arms["council"]["tokens"]!.GetValue<long>());
        Assert.Equal(0.0024m, arms["single:alpha"]["cost_usd"]!.GetValue<decimal>());
        Assert.Equal(0.0094800m, arms["council"]["cost_usd"]!.GetValue<decimal>());
        Assert.Equal(0, arms["oracle"]["tokens"]!.GetValue<long>());

        // Self-consistency draws k samples of the best single member, k matching the team's median tokens.
        var items = ReadItems(Path.Combine(test.WorkingDirectory, "out", "items.jsonl"));
        var teamTokens = items.Where(i => (string)i["arm"]! == "team").Select(i => i["tokens"]!.GetValue<long>()).Order().ToList();
        var k = (int)Math.Round((teamTokens[9] + teamTokens[10]) / 2.0 / call, MidpointRounding.AwayFromZero);
        Assert.Equal(k, report["self_consistency_k"]!.GetValue<int>());
        Assert.Equal(20 * k * call, arms["self-consistency"]["tokens"]!.GetValue<long>());
        Assert.Equal(20, items.Count(i => (string)i["arm"]! == "self-consistency" && i["samples"]!.GetValue<int>() == k));

        // The failure is an error of that item in that arm, neither right nor wrong, and the eval went on.
        var failed = Assert.Single(items, i => i["error"] is not null);
        Assert.Equal(("single:beta", "20"), ((string)failed["arm"]!, (string)failed["item_id"]!));
        Assert.Null(failed["correct"]);
        Assert.Contains("refuses item 19", (string)failed["error"]!);

        var comparisons = report["comparisons"]!.AsArray().ToDictionary(c => (string)c!["arm_b"]!, c => c!);
        Assert.Equal(["single:alpha", "single:beta", "single:gamma", "vote", "self-consistency", "council", "oracle"], comparisons.Keys);
        AssertPairs(comparisons["single:alpha"], 13, 4, 1, 2);
        AssertPairs(comparisons["single:beta"], 12, 5, 0, 2);
        AssertPairs(comparisons["single:gamma"], 8, 9, 1, 2);
        AssertPairs(comparisons["vote"], 10, 7, 0, 3);
        AssertPairs(comparisons["self-consistency"], 13, 4, 1, 2);
        AssertPairs(comparisons["council"], 13, 4, 1, 2);
        AssertPairs(comparisons["oracle"], 17, 0, 2, 1);

        // Holm over the seven comparisons, computed here from the exact p-values.
        var p = comparisons.Values.Select(c => ExactMcNemar(c["only_a"]!.GetValue<int>(), c["only_b"]!.GetValue<int>())).ToArray();
        Assert.Equal([0.375, 0.0625, 0.021484375, 0.015625, 0.375, 0.375, 0.5], p);
        double[] holm = [1, 0.3125, 0.12890625, 0.109375, 1, 1, 1];
        var i = 0;
        foreach (var comparison in comparisons.Values)
        {
            Assert.Equal(p[i], comparison["mcnemar_p"]!.GetValue<double>(), 12);
            Assert.Equal(holm[i], comparison["holm_p"]!.GetValue<double>(), 12);
            var diff = comparison["diff"]!.GetValue<double>();
            Assert.Equal((comparison["only_a"]!.GetValue<int>() - comparison["only_b"]!.GetValue<int>()) / (double)comparison["pairs"]!.GetValue<int>(), diff, 12);
            Assert.InRange(diff, comparison["diff_ci95_low"]!.GetValue<double>(), comparison["diff_ci95_high"]!.GetValue<double>());
            i++;
        }

        Assert.Equal(arms["team"]["accuracy"]!.GetValue<double>() - arms["single:alpha"]["accuracy"]!.GetValue<double>(), comparisons["single:alpha"]["diff"]!.GetValue<double>(), 12);
        Assert.Equal("single:alpha", (string)report["best_single"]!);
        Assert.Equal(4, report["rescue"]!.GetValue<int>());
        Assert.Equal(1, report["harm"]!.GetValue<int>());

        var team = report["team"]!;
        Assert.Equal(20, team["runs"]!.GetValue<int>());
        Assert.Equal(0, team["flips"]!.GetValue<int>());

        // Who answers before voting follows the order in which instant answers reach the engine (TeamFiguresTests
        // checks these figures exactly on fixed runs); here only their range.
        Assert.InRange(team["answers_per_agent"]!.GetValue<double>(), 1.0 / 3, 1.0);
        Assert.InRange(team["self_vote_rate"]!.GetValue<double>(), 0, 1);

        foreach (var file in new[] { "manifest.json", "report.json", "report.md", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(test.WorkingDirectory, "out", file)), file);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(test.WorkingDirectory, "out", "manifest.json")))!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(input))), (string)manifest["dataset_sha256"]!);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(test.WorkingDirectory, "out", "report.html")));
        Assert.DoesNotContain("<script", File.ReadAllText(Path.Combine(test.WorkingDirectory, "out", "report.html")));
    }

    [Fact(Timeout = TestTimeouts.Process)]
    public async Task Eval_SelectOnASeparateSplit_PicksTheBestMemberThereAndSaysSo()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var script = Script();
        server.Responder = script.Respond;
        using var test = new TestHost();
        var (config, input) = await WriteFilesAsync(test.WorkingDirectory, script, server, 12);

        // On items 14 and 15 only beta is right, so the selection split picks beta although alpha is best on the eval items.
        var selection = Path.Combine(test.WorkingDirectory, "select.jsonl");
        await File.WriteAllTextAsync(selection, string.Concat(EvalScript.Gsm8kFile(16).Split('\n').Skip(14).Select(l => l + "\n")).Trim() + "\n");

        var exit = await new MassGenApp(test.Host).RunAsync(["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--output", "out",
            "--arms", "single,team", "--select-on", selection, "--json"]);

        Assert.True(exit == 0, test.Error.ToString());
        var report = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("single:beta", (string)report["best_single"]!);
        Assert.Contains("separate selection split", (string)report["best_single_selected_on"]!);

        // Team (0-9, 11) against beta (0-9) on items 0-11: rescue 1 (item 11), harm 0.
        Assert.Equal((1, 0), (report["rescue"]!.GetValue<int>(), report["harm"]!.GetValue<int>()));
        Assert.Equal(["single:alpha", "single:beta", "single:gamma", "team"], report["arms"]!.AsArray().Select(a => (string)a!["name"]!));
        var items = ReadItems(Path.Combine(test.WorkingDirectory, "out", "items.jsonl"));
        Assert.Equal(6, items.Count(i => ((string)i["arm"]!).StartsWith("select:single:", StringComparison.Ordinal)));
        Assert.True(report["complete"]!.GetValue<bool>());
    }

    internal static async Task<(string Config, string Input)> WriteFilesAsync(string directory, EvalScript script, FakeProviderServer server, int items)
    {
        var config = Path.Combine(directory, "team.yaml");
        var input = Path.Combine(directory, "gsm8k.jsonl");
        await File.WriteAllTextAsync(config, script.TeamYaml(server.OpenAIBaseUrl));
        await File.WriteAllTextAsync(input, EvalScript.Gsm8kFile(items));
        return (config, input);
    }

    internal static List<JsonNode> ReadItems(string path) => [.. File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!)];

    private static void AssertArm(JsonNode arm, int n, int correct, int errors)
    {
        Assert.Equal(n, arm["n"]!.GetValue<int>());
        Assert.Equal(correct, arm["correct"]!.GetValue<int>());
        Assert.Equal(errors, arm["errors"]!.GetValue<int>());
        Assert.Equal((double)correct / n, arm["accuracy"]!.GetValue<double>(), 12);

        // Wilson's interval, written out here with the exact normal quantile.
        double phat = (double)correct / n, z2 = Z * Z;
        var centre = (phat + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z / (1 + (z2 / n)) * Math.Sqrt((phat * (1 - phat) / n) + (z2 / (4.0 * n * n)));
        Assert.Equal(centre - half, arm["ci95_low"]!.GetValue<double>(), 12);
        Assert.Equal(Math.Min(1, centre + half), arm["ci95_high"]!.GetValue<double>(), 12);
    }

    private static void AssertPairs(JsonNode comparison, int bothRight, int onlyA, int onlyB, int bothWrong)
    {
        Assert.Equal("team", (string)comparison["arm_a"]!);
        Assert.Equal(
            (bothRight, onlyA, onlyB, bothWrong),
            (comparison["both_right"]!.GetValue<int>(), comparison["only_a"]!.GetValue<int>(), comparison["only_b"]!.GetValue<int>(), comparison["both_wrong"]!.GetValue<int>()));
    }

    /// <summary>Two-sided exact McNemar, by summing binomial(n, ½) terms with exact integer coefficients.</summary>
    internal static double ExactMcNemar(int b, int c)
    {
        var n = b + c;
        if (n == 0)
        {
            return 1;
        }

        System.Numerics.BigInteger tail = 0, coefficient = 1;
        for (var x = 0; x <= Math.Min(b, c); x++)
        {
            tail += coefficient;
            coefficient = coefficient * (n - x) / (x + 1);
        }

        return Math.Min(1, 2 * (double)tail / Math.Pow(2, n));
    }
}
