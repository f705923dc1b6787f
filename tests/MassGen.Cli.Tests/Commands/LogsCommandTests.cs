using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class LogsCommandTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LogsAfterTwoRuns_ListsBothWithOutcome()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var app = new MassGenApp(test.Host, new FakeTeamLoader());
        var config = MassGenAppRunTests.WriteConfig(test);
        await app.RunAsync(["--config", config, "--display", "silent", "First?"]);
        test.Time.Advance(TimeSpan.FromMinutes(1));
        await app.RunAsync(["--config", config, "--display", "silent", "Second?"]);

        var exit = await app.RunAsync(["logs"]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Equal(2, Directory.GetDirectories(test.LogsRoot).Length);
        Assert.Contains("First?", test.Console.Output);
        Assert.Contains("Second?", test.Console.Output);
        Assert.Contains("consensus", test.Console.Output);
        Assert.Contains("$0.01", test.Console.Output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LogsShowLatest_PrintsSummaryTallyAndTimeline()
    {
        using var test = new TestHost(Replay.Of(EventScript.TieWithFailedAgent()));
        var app = new MassGenApp(test.Host, new FakeTeamLoader());
        await app.RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--display", "silent", "Which index?"]);

        var exit = await app.RunAsync(["logs", "show", "latest"]);

        Assert.Equal(ExitCodes.Answered, exit);
        var output = test.Console.Output;
        Assert.Contains("question: Which index?", output);
        Assert.Contains("winner: alpha", output);
        Assert.Contains("alpha (agent1)", output);
        Assert.Contains("beta: Reads dominate.", output);
        Assert.Contains("0:02  alpha (agent1) answer 1 → revision 1: Use a B-tree.", output);
        Assert.Contains("0:04  gamma failed: HTTP 401 from grok: invalid API key", output);
        Assert.Contains("winner alpha (agent1) by consensus, tie broken", output);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LogsShowUnknownRun_ExitsOne()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["logs", "show", "2099"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("No run '2099'", test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LogsShowRunCutOffMidway_ShowsWhatWasWritten()
    {
        using var test = new TestHost(Replay.Of(EventScript.Consensus()));
        var app = new MassGenApp(test.Host, new FakeTeamLoader());
        await app.RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--display", "silent", "Capital?"]);
        var run = Assert.Single(Directory.GetDirectories(test.LogsRoot));

        // Simulate a crash: no result, and the last event line half written.
        File.Delete(Path.Combine(run, "result.json"));
        var lines = File.ReadAllLines(Path.Combine(run, "events.jsonl"));
        File.WriteAllText(Path.Combine(run, "events.jsonl"), string.Join('\n', lines.Take(10)) + "\n" + lines[10][..20]);

        var exit = await app.RunAsync(["logs", "show", Path.GetFileName(run)[..8]]);

        Assert.Equal(ExitCodes.Answered, exit);
        Assert.Contains("incomplete (no result.json: the run was cut off; `massgen resume", test.Console.Output.Replace("\n", " ", StringComparison.Ordinal));
        Assert.Contains("researcher (agent2) answer 1 → revision 1", test.Console.Output);
    }
}
