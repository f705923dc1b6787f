using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// The real <c>massgen</c> process, recording, is killed (SIGKILL) in the middle of coordination; <c>massgen resume</c>
/// finishes the run from its log folder without sending again any model call that had finished before the kill.
/// </summary>
public sealed class ResumeProcessTests
{
    private const string Question = "Which is the largest planet?";

    private static readonly Dictionary<string, string> s_answers = new(StringComparer.Ordinal)
    {
        ["model-a"] = "Jupiter, says the first.",
        ["model-b"] = "Jupiter, by far, says the second.",
        ["model-c"] = "Jupiter (a gas giant), says the third.",
    };

    [Fact(Timeout = TestTimeouts.Process)]
    public async Task Resume_ProcessKilledWithAVotingTurnHalfDone_FinishesWithEveryEarlierAnswerAndVoteAndPaysNoFinishedCallTwice()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var team = new PolicyTeam();
        server.Responder = team.Respond;
        using var test = new TestHost();
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        // gamma's held call must still be open at the kill however long alpha and beta take to vote on a slow machine:
        // idle timeouts far beyond the test's bound (the default 60 s of real time is not) never end it first.
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: alpha
                backend: {"{"} type: vllm, model: model-a, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 3600 {"}"}
              - id: beta
                backend: {"{"} type: vllm, model: model-b, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 3600 {"}"}
              - id: gamma
                backend: {"{"} type: vllm, model: model-c, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 3600 {"}"}
            orchestrator:
              seed: 11
            """);
        var recording = Path.Combine(test.WorkingDirectory, "run.jsonl");

        string eventsPath;
        RecordedRequest held;
        using (var process = MassGenProcess.Start(test.WorkingDirectory, redirectOutput: true, "--config", config, "--record", recording, "--display", "simple", Question))
        {
            // gamma's voting turn got a reply without a decision (a finished call), was told to decide, and its second
            // call now hangs in the server: the turn is half done. The kill comes once alpha and beta have voted.
            held = await team.Held.Task;
            eventsPath = Path.Combine(Assert.Single(Directory.GetDirectories(test.LogsRoot)), "events.jsonl");
            await WaitForVotesAsync(eventsPath, process);
            process.Kill();
            await process.WaitForExitAsync();
        }

        var before = File.ReadAllLines(eventsPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.DoesNotContain(before, e => (string)e["type"]! == "run_finished");
        var answersBefore = before.Where(e => (string)e["type"]! == "answer_accepted").Select(e => (string)e["content"]!).ToList();
        var votesBefore = before.Where(e => (string)e["type"]! == "vote_counted" && (int)e["revision"]! == 3).Select(e => ((string)e["voter_id"]!, (string)e["reason"]!)).ToList();
        Assert.Equal(3, answersBefore.Count);
        var finishedBefore = server.Requests.Where(r => r != held).Select(r => r.RawBody).ToHashSet();
        var requestsBefore = server.Requests.Count;
        // A kill can cut the last line of the log; a torn tail must be ignored with a warning, never a crash.
        await File.AppendAllTextAsync(eventsPath, "{\"type\":\"turn_started\",\"agent_id\":\"al");

        team.Release();
        var exit = await new MassGenApp(test.Host).RunAsync(["resume", "latest", "--json", "--display", "silent"]);

        Assert.True(exit == ExitCodes.Answered, test.Error.ToString());
        Assert.Contains("was cut short", test.Error.ToString());
        var result = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("consensus", (string)result["termination_reason"]!);
        Assert.Equal(answersBefore, result["answers"]!.AsArray().Select(a => (string)a!["content"]!));
        var votes = result["votes"]!.AsArray().Select(v => ((string)v!["voter_id"]!, (string)v["reason"]!)).ToList();
        Assert.Equal(3, votes.Count);
        Assert.All(votesBefore, v => Assert.Contains(v, votes));
        var resumption = Assert.Single(result["resumptions"]!.AsArray())!;
        Assert.Contains("gamma", resumption["redone_turns"]!.AsArray().Select(t => (string)t!["agent_id"]!));

        // Nothing that had finished before the kill reached the server again: gamma's first call of the redone turn was
        // answered from the recording; only its interrupted call and the presentation went out.
        var after = server.Requests.Skip(requestsBefore).ToList();
        Assert.DoesNotContain(after, r => finishedBefore.Contains(r.RawBody));
        Assert.Equal(held.RawBody, Assert.Single(after, r => r.Model == "model-c" && r.RawBody.Contains("\"vote\"", StringComparison.Ordinal)).RawBody);
        Assert.Equal(2, after.Count);

        // The resumed run wrote on in the same log and the same recording.
        var lines = File.ReadAllLines(eventsPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines.Select(l => (long)l["sequence"]!));
        Assert.Equal("run_resumed", (string)lines[before.Count]!["type"]!);
        Assert.Equal(requestsBefore - 1 + 2, File.ReadAllLines(recording).Count(l => l.Contains("\"kind\":\"call\"", StringComparison.Ordinal)));

        // A finished run is not resumed again.
        test.Error.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.UsageError, await new MassGenApp(test.Host).RunAsync(["resume", "latest", "--display", "silent"]));
        Assert.Contains("finished already", test.Error.ToString());
    }

    // Waits until alpha's and beta's votes on the final revision are in the log (the process writes each event whole
    // and flushes it), or the process ends.
    private static async Task WaitForVotesAsync(string eventsPath, System.Diagnostics.Process process)
    {
        while (!process.HasExited)
        {
            var text = await File.ReadAllTextAsync(eventsPath);
            var voters = text.Split('\n').Where(l => l.Contains("\"type\":\"vote_counted\"", StringComparison.Ordinal) && l.Contains("\"revision\":3", StringComparison.Ordinal)).ToList();
            if (voters.Any(l => l.Contains("\"voter_id\":\"alpha\"", StringComparison.Ordinal)) && voters.Any(l => l.Contains("\"voter_id\":\"beta\"", StringComparison.Ordinal)))
            {
                return;
            }

            using var changed = new FileSystemWatcher(Path.GetDirectoryName(eventsPath)!, "events.jsonl") { EnableRaisingEvents = true };
            await Task.WhenAny(Task.Run(() => changed.WaitForChanged(WatcherChangeTypes.Changed, 500)), process.WaitForExitAsync());
        }

        Assert.Fail("massgen exited before it was killed");
    }

    /// <summary>
    /// Each model answers first, then votes for the first label it may vote for; gamma's first voting call is plain
    /// text (no decision, so its turn goes on with a second call), and that second call is held until released.
    /// </summary>
    private sealed class PolicyTeam
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<RecordedRequest> Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public FakeTurn Respond(RecordedRequest request)
        {
            var model = request.Model!;
            var tools = (request.Body?["tools"] as JsonArray ?? []).Select(t => t!["function"]!).ToList();
            var vote = tools.FirstOrDefault(t => (string)t["name"]! == "vote");
            var own = s_answers[model];
            if (vote is null && tools.All(t => (string)t["name"]! != "new_answer"))
            {
                return FakeTurn.Text("The largest planet is ", own).WithUsage(400, 20);
            }

            if (!request.RawBody.Contains(own, StringComparison.Ordinal))
            {
                return FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = own }.ToJsonString()).WithUsage(200, 30);
            }

            var ballot = FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = (string)vote!["parameters"]!["properties"]!["agent_id"]!["enum"]![0]!, ["reason"] = $"{model} finds it most complete" }.ToJsonString()).WithUsage(300, 12);
            if (model != "model-c")
            {
                return ballot;
            }

            if (request.Body!["messages"]!.AsArray().Count <= 2)
            {
                return FakeTurn.Text("Let me weigh the answers first.").WithUsage(250, 8);
            }

            if (!_release.Task.IsCompleted && Held.TrySetResult(request))
            {
                return ballot.After(_release.Task);
            }

            return ballot;
        }
    }
}
