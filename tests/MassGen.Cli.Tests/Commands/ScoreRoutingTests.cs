using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class ScoreRoutingTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreHelp_ListsTheBenchmarkSubcommands()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "--help"]);

        Assert.Equal(0, exit);
        var help = test.Output.ToString();
        Assert.Contains("ifeval", help);
        Assert.Contains("gsm8k", help);
        Assert.Contains("choice", help);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreGsm8k_ScoresTheResponses()
    {
        using var test = new TestHost();
        var input = Path.Combine(test.WorkingDirectory, "test.jsonl");
        var responses = Path.Combine(test.WorkingDirectory, "responses.jsonl");
        await File.WriteAllTextAsync(input, "{\"question\":\"1+1?\",\"answer\":\"one and one #### 2\"}\n");
        await File.WriteAllTextAsync(responses, "{\"question\":\"1+1?\",\"response\":\"The answer is 2.\"}\n");

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "gsm8k", "--input", "test.jsonl", "--responses", "responses.jsonl", "--output", "out"]);

        Assert.True(exit == 0, test.Error.ToString());
        Assert.Contains("gsm8k: 1/1 correct = 100.00 %", test.Output.ToString());
        Assert.True(File.Exists(Path.Combine(test.WorkingDirectory, "out", "gsm8k_results.jsonl")));
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreIfEvalWithoutOutput_IsAUsageErrorNamingTheOption()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "ifeval", "--input", "a.jsonl", "--responses", "b.jsonl"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--output", test.Error.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_EvalWithAnUnknownArm_SaysWhichArmsExist()
    {
        using var test = new TestHost();
        await File.WriteAllTextAsync(Path.Combine(test.WorkingDirectory, "in.jsonl"), "{\"question\":\"1+1?\",\"answer\":\"#### 2\"}\n");
        await File.WriteAllTextAsync(Path.Combine(test.WorkingDirectory, "team.yaml"), "agents:\n  - id: a\n    backend: { type: vllm, model: m, base_url: \"http://127.0.0.1:9/v1\" }\n");

        var exit = await new MassGenApp(test.Host).RunAsync(["eval", "--config", "team.yaml", "--benchmark", "gsm8k", "--input", "in.jsonl", "--output", "out", "--arms", "single,debate"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("unknown arm 'debate'", test.Error.ToString());
        Assert.Contains("self-consistency", test.Error.ToString());
    }
}
