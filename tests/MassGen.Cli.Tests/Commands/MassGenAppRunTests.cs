using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class MassGenAppRunTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_QuestionAnswered_ExitsZeroPrintsAnswerAndWritesCompleteLogs()
    {
        var script = EventScript.Consensus();
        using var test = new TestHost(Replay.Of(script));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", WriteConfig(test), "What is the capital of France?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Contains("river: `Seine`", test.Console.Output);
        var run = Assert.Single(Directory.GetDirectories(test.LogsRoot));
        var lines = File.ReadAllLines(Path.Combine(run, "events.jsonl"));
        Assert.Equal(script.Events.Count, lines.Length);
        Assert.Equal(Enumerable.Range(1, lines.Length).Select(i => (long)i), lines.Select(l => JsonNode.Parse(l)!["sequence"]!.GetValue<long>()));
        Assert.Equal("run_started", JsonNode.Parse(lines[0])!["type"]!.GetValue<string>());
        Assert.Equal("run_finished", JsonNode.Parse(lines[^1])!["type"]!.GetValue<string>());
        Assert.Equal("# Answer\n\nThe capital of France is **Paris**.\n\n- population: about 2 million\n- river: `Seine`\n", File.ReadAllText(Path.Combine(run, "final_answer.md")));
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "status.json")))!;
        Assert.Equal("finished", status["phase"]!.GetValue<string>());
        Assert.Equal("critic", status["winner_id"]!.GetValue<string>());
        Assert.Equal("voted", status["agents"]!["fast"]!["status"]!.GetValue<string>());
        Assert.Contains("***", File.ReadAllText(Path.Combine(run, "config.resolved.json")));
        Assert.Equal("What is the capital of France?", JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!["question"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Json_PrintsTheResultObjectEqualToResultJson()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", WriteConfig(test), "--json", "--display", "silent", "Capital?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        var printed = JsonNode.Parse(test.Output.ToString())!.AsObject();
        Assert.Equal("critic", printed["winner_id"]!.GetValue<string>());
        Assert.Equal("consensus", printed["termination_reason"]!.GetValue<string>());
        Assert.Equal("Clearer and complete.", printed["votes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(2, printed["answers"]!.AsArray().Count);
        Assert.Equal(0.009m, printed["usage"]![1]!["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.Equal(42, printed["seed"]!.GetValue<int>());
        var logDirectory = printed["log_directory"]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(printed, JsonNode.Parse(File.ReadAllText(Path.Combine(logDirectory, "result.json")))));
        Assert.Equal(test.Output.ToString().Trim(), File.ReadAllText(Path.Combine(logDirectory, "result.json")).Trim());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_AllAgentsFailed_ExitsTwoAndSaysWhy()
    {
        using var test = new TestHost(Replay.Of(EventScript.AllFailed()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", WriteConfig(test), "Anything?"]);

        Assert.Equal(ExitCodes.NoAnswer, exit);
        Assert.Contains("No answer: Every agent failed before any answer was accepted.", test.Console.Output);
        var run = Assert.Single(Directory.GetDirectories(test.LogsRoot));
        Assert.False(File.Exists(Path.Combine(run, "final_answer.md")));
        Assert.Equal("all_failed", JsonNode.Parse(File.ReadAllText(Path.Combine(run, "result.json")))!["termination_reason"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_Interrupted_ExitsWith130PrintsBestAnswerAndCompletesLogs()
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var test = new TestHost(InterruptibleRun(answered));
        using var ctrlC = new CancellationTokenSource();

        var run = new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", WriteConfig(test), "--json", "Long task"], ctrlC.Token);
        await answered.Task;
        await ctrlC.CancelAsync();
        var exit = await run;

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("Best so far.", test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("interrupted", printed["termination_reason"]!.GetValue<string>());
        Assert.Equal("Best so far.", printed["final_answer"]!.GetValue<string>());
        var directory = printed["log_directory"]!.GetValue<string>();
        var types = File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["run_started", "answer_accepted", "turn_cancelled", "run_finished"], types);
        Assert.Equal("Best so far.\n", File.ReadAllText(Path.Combine(directory, "final_answer.md")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_NoLogs_WritesNothingUnderLogs()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["--config", WriteConfig(test), "--no-logs", "Capital?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.False(Directory.Exists(test.LogsRoot));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LoggingDisabledInConfig_WritesNothingUnderLogsAndJsonHasNoLogDirectory()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader { LoggingEnabled = false }).RunAsync(["--config", WriteConfig(test), "--json", "Capital?"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.False(Directory.Exists(test.LogsRoot));
        Assert.Null(JsonNode.Parse(test.Output.ToString())!["log_directory"]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_InvalidConfig_ExitsOneWithEveryProblem()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var loader = new FakeTeamLoader { Errors = ["agents[0].backend.modle (line 4): unknown key 'modle'; did you mean 'model'?", "agents[1].id (line 9): duplicate agent id 'a'"] };

        var exit = await new MassGenApp(test.Host, loader).RunAsync(["--config", WriteConfig(test), "Capital?"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("did you mean 'model'?", test.Error.ToString());
        Assert.Contains("duplicate agent id 'a'", test.Error.ToString());
        Assert.False(Directory.Exists(test.LogsRoot));
    }

    [Theory]
    [InlineData(new[] { "--config", "x.yaml", "--model", "gpt-5-mini", "q" }, "--config cannot be combined with --model")]
    [InlineData(new[] { "--backend", "openai", "q" }, "add --model NAME")]
    [InlineData(new[] { "--continue", "--session-id", "s", "--model", "gpt-5-mini", "q" }, "--continue and --session-id cannot be combined")]
    [InlineData(new[] { "--config", "missing.yaml", "q" }, "Configuration file not found: missing.yaml")]
    [InlineData(new[] { "--models", "gpt-5-mini,mystery-model", "q" }, "Cannot tell which provider serves 'mystery-model'; add --backend TYPE")]
    [InlineData(new[] { "--display", "fancy", "q" }, "fancy")]
    public async Task RunAsync_UsageError_ExitsOneAndSaysHowToFixIt(string[] args, string expected)
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(expected, test.Error.ToString());
    }

    internal static string WriteConfig(TestHost test)
    {
        var path = Path.Combine(test.WorkingDirectory, "team.yaml");
        File.WriteAllText(path, "agents: []\n");
        return path;
    }

    private static Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>> InterruptibleRun(TaskCompletionSource answered) =>
        (_, _, request, cancellationToken) => Run(request, answered, cancellationToken);

    private static async IAsyncEnumerable<CoordinationEvent> Run(CoordinationRequest request, TaskCompletionSource answered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AgentLabel[] agents = [new("researcher", "agent1", "fake/researcher")];
        yield return new RunStarted(request.Task, 3, agents) { Sequence = 1, Timestamp = EventScript.Start };
        yield return new AnswerAccepted("researcher", "agent1", 1, 1, "Best so far.") { Sequence = 2, Timestamp = EventScript.Start.AddSeconds(1) };
        answered.SetResult();

        // Like the orchestrator: the stop request is awaited, then the run ends gracefully with the best answer.
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.SetResult()))
        {
            await stopped.Task;
        }

        yield return new TurnCancelled("researcher", 2, "interrupted") { Sequence = 3, Timestamp = EventScript.Start.AddSeconds(2) };
        yield return new RunFinished(new CoordinationResult
        {
            FinalAnswer = "Best so far.",
            WinnerId = "researcher",
            WinnerLabel = "agent1",
            TerminationReason = TerminationReason.Interrupted,
            Agents = agents,
            StartedAt = EventScript.Start,
            FinishedAt = EventScript.Start.AddSeconds(2),
        })
        { Sequence = 4, Timestamp = EventScript.Start.AddSeconds(2) };
    }
}
