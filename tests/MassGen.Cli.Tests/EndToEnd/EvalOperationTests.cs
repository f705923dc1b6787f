using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>Operating <c>massgen eval</c>: a kill -9 and --resume, the cost cap, and the shipped benchmark files.</summary>
public sealed class EvalOperationTests
{
    [Fact(Timeout = TestTimeouts.Process)]
    public async Task Eval_KilledMidRunThenResumed_RunsEachUnitOnceAndReportsAsAnUninterruptedRun()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var script = EvalEndToEndTests.Script();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        script.Intercept = (item, _) =>
        {
            if (item != 6)
            {
                return null;
            }

            held.TrySetResult();
            return FakeTurn.Text("never sent").After(never.Task);
        };
        server.Responder = script.Respond;
        using var test = new TestHost();
        var (config, input) = await EvalEndToEndTests.WriteFilesAsync(test.WorkingDirectory, script, server, 10);
        string[] arguments = ["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--concurrency", "2"];

        using (var process = MassGenProcess.Start(test.WorkingDirectory, redirectOutput: true, [.. arguments, "--output", "resumed"]))
        {
            // Item 6 hangs in the server, so the process is mid-run: some units written, some in flight.
            await held.Task;
            process.Kill();
            await process.WaitForExitAsync();
        }

        var itemsPath = Path.Combine(test.WorkingDirectory, "resumed", "items.jsonl");
        var before = EvalEndToEndTests.ReadItems(itemsPath);
        Assert.NotEmpty(before);
        Assert.False(File.Exists(Path.Combine(test.WorkingDirectory, "resumed", "report.json")));
        var finishedItems = before.GroupBy(r => (string)r["item_id"]!).Where(g => g.Count() >= 6).Select(g => int.Parse((string)g.Key!, System.Globalization.CultureInfo.InvariantCulture) - 1).ToHashSet();
        var requestsBefore = server.Requests.Count;

        script.Intercept = null;
        var resumeExit = await new MassGenApp(test.Host).RunAsync([.. arguments, "--output", "resumed", "--resume", "--json"]);
        Assert.True(resumeExit == 0, test.Error.ToString());
        var resumedReport = JsonNode.Parse(test.Output.ToString())!;

        // Nothing that had finished ran again: no single or council call (no tools; self-consistency samples have seeds
        // from 1001) for an item whose six units before self-consistency were written.
        var rerun = server.Requests.Skip(requestsBefore)
            .Where(r => r.Body?["tools"] is null && r.Body?["seed"]?.GetValue<long>() < 1000)
            .Select(r => int.Parse(System.Text.RegularExpressions.Regex.Match(r.RawBody, @"Item (\d+):").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(finishedItems.Contains)
            .ToList();
        var after = EvalEndToEndTests.ReadItems(itemsPath);
        var keys = after.Select(r => ((string)r["arm"]!, (string)r["item_id"]!, r["seed"]!.GetValue<int>())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(10 * 7, keys.Count);
        foreach (var line in before)
        {
            Assert.Contains(after, r => JsonNode.DeepEquals(r, line));
        }

        test.Output.GetStringBuilder().Clear();
        var freshExit = await new MassGenApp(test.Host).RunAsync([.. arguments, "--output", "fresh", "--json"]);
        Assert.True(freshExit == 0, test.Error.ToString());
        var freshReport = JsonNode.Parse(test.Output.ToString())!;
        Assert.True(resumedReport["complete"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(WithoutWallTime(freshReport), WithoutWallTime(resumedReport)), $"{resumedReport}\n---\n{freshReport}");
        Assert.Empty(rerun);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Eval_CostCapReached_StopsStartingWorkAndWritesAPartialReport()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var script = EvalEndToEndTests.Script();
        server.Responder = script.Respond;
        using var test = new TestHost();
        var (config, input) = await EvalEndToEndTests.WriteFilesAsync(test.WorkingDirectory, script, server, 20);

        // Three members at $0.00012 a call: the ninth call (the third item) reaches $0.001.
        var exit = await new MassGenApp(test.Host).RunAsync(["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--output", "out",
            "--arms", "single", "--concurrency", "1", "--max-cost-usd", "0.001", "--json"]);

        Assert.True(exit == 0, test.Error.ToString());
        var report = JsonNode.Parse(test.Output.ToString())!;
        Assert.False(report["complete"]!.GetValue<bool>());
        Assert.Contains("cost cap reached", (string)report["stop_reason"]!);
        Assert.Equal(60, report["units_planned"]!.GetValue<int>());
        Assert.Equal(9, report["units_finished"]!.GetValue<int>());
        Assert.All(report["arms"]!.AsArray(), a => Assert.Equal(3, a!["n"]!.GetValue<int>()));
        Assert.Contains("Partial report: cost cap reached", File.ReadAllText(Path.Combine(test.WorkingDirectory, "out", "report.md")));
        Assert.Contains("partial eval", test.Error.ToString());
        Assert.Equal(9, server.Requests.Count);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Eval_OnATerminal_ShowsProgressWithSpendAndRunningAccuracy()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var script = EvalEndToEndTests.Script();
        server.Responder = script.Respond;
        using var test = new TestHost();
        var (config, input) = await EvalEndToEndTests.WriteFilesAsync(test.WorkingDirectory, script, server, 3);
        test.Console.Profile.Capabilities.Interactive = true;
        test.Console.Profile.Capabilities.Ansi = true;
        test.Console.Profile.Width = 200;
        var host = new Hosting.CliHost
        {
            Console = test.Console,
            Output = test.Output,
            Error = test.Error,
            IsTerminal = true,
            WorkingDirectory = test.WorkingDirectory,
            HomeDirectory = test.WorkingDirectory,
            EnvironmentVariables = new Dictionary<string, string>(),
            TimeProvider = test.Time,
        };

        var exit = await new MassGenApp(host).RunAsync(["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--output", "out", "--arms", "single:alpha,single:gamma", "--concurrency", "1"]);

        Assert.True(exit == 0, test.Error.ToString());
        var screen = test.Console.Output;
        Assert.Contains("6/6 units, $0.0007", screen);
        Assert.Contains("single:alpha 100%", screen);
        Assert.Contains("| single:alpha | 3 | 3 | 100.0 %", test.Output.ToString());
    }

    [DatasetsTheory(Timeout = TestTimeouts.Process)]
    [InlineData("gsm8k", "gsm8k/test.jsonl")]
    [InlineData("choice", "musr/small_murder_mystery.json")]
    [InlineData("ifeval", "ifeval/input_data.jsonl")]
    public async Task Eval_ShippedBenchmarkFile_RunsEveryArmOnTheFirstItems(string benchmark, string file)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Responder = GenericMember;
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: one
                backend: {"{"} type: vllm, model: one, base_url: "{server.OpenAIBaseUrl}" {"}"}
              - id: two
                backend: {"{"} type: vllm, model: two, base_url: "{server.OpenAIBaseUrl}" {"}"}
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["eval", "--config", config, "--benchmark", benchmark, "--input", TestDatasets.PathOf(file), "--output", "out", "--limit", "2", "--json"]);

        Assert.True(exit == 0, test.Error.ToString());
        var report = JsonNode.Parse(test.Output.ToString())!;
        Assert.True(report["complete"]!.GetValue<bool>());
        Assert.Equal(2, report["items"]!.GetValue<int>());
        var arms = report["arms"]!.AsArray().Select(a => (string)a!["name"]!).ToList();
        var expected = benchmark == "ifeval"
            ? new[] { "single:one", "single:two", "council", "team", "oracle" }
            : ["single:one", "single:two", "vote", "self-consistency", "council", "team", "oracle"];
        Assert.Equal(expected, arms);
        Assert.All(report["arms"]!.AsArray(), a => Assert.Equal(2, a!["n"]!.GetValue<int>()));
        Assert.Equal(benchmark == "ifeval" ? new[] { "vote", "self-consistency" } : [], report["not_applicable"]!.AsArray().Select(a => (string)a!).ToArray());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(test.WorkingDirectory, "out", "manifest.json")))!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TestDatasets.PathOf(file)))), (string)manifest["dataset_sha256"]!);
    }

    /// <summary>
    /// The report without what depends on timing: wall time, and the herding figures that follow the order in which
    /// the fake server's instant answers reach the engine (who answered first, who voted before all had answered).
    /// Counts, accuracies, intervals, p-values, bootstrap intervals, tokens and cost stay.
    /// </summary>
    private static JsonNode WithoutWallTime(JsonNode report)
    {
        var copy = report.DeepClone();
        foreach (var arm in copy["arms"]!.AsArray())
        {
            arm!.AsObject().Remove("wall_seconds");
        }

        foreach (var timing in new[] { "first_answer_win_rate", "self_vote_rate", "answers_per_agent", "ties", "mean_rounds" })
        {
            copy["team"]!.AsObject().Remove(timing);
        }

        return copy;
    }

    /// <summary>A member that answers once in the team, votes for the first label, presents, and otherwise says "Answer: A. #### 18".</summary>
    private static FakeTurn GenericMember(RecordedRequest request)
    {
        var tools = request.Body?["tools"]?.AsArray().Select(t => t?["function"]).ToList() ?? [];
        var vote = tools.FirstOrDefault(t => (string?)t?["name"] == "vote");
        var label = (string?)vote?["parameters"]?["properties"]?["agent_id"]?["enum"]?[0];
        if (label is not null)
        {
            return FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = label, ["reason"] = "fine" }.ToJsonString()).WithUsage(50, 5);
        }

        if (tools.Any(t => (string?)t?["name"] == "new_answer"))
        {
            return FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = $"{request.Model} says: the result is 18. Answer: A. #### 18" }.ToJsonString()).WithUsage(50, 5);
        }

        return FakeTurn.Text($"{request.Model} says: the result is 18. Answer: A. #### 18").WithUsage(50, 5);
    }
}
