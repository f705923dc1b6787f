using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Commands;

public sealed class ScoreRoutingTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreHelp_PrintsTheEvaluationUsage()
    {
        using var test = new TestHost();

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("massgen score ifeval --input INPUT.jsonl", test.Output.ToString());
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_ScoreGsm8k_ScoresTheResponses()
    {
        using var test = new TestHost();
        var input = Path.Combine(test.WorkingDirectory, "test.jsonl");
        var responses = Path.Combine(test.WorkingDirectory, "responses.jsonl");
        await File.WriteAllTextAsync(input, "{\"question\":\"1+1?\",\"answer\":\"one and one #### 2\"}\n");
        await File.WriteAllTextAsync(responses, "{\"question\":\"1+1?\",\"response\":\"The answer is 2.\"}\n");

        var exit = await new MassGenApp(test.Host, new FakeTeamLoader()).RunAsync(["score", "gsm8k", "--input", input, "--responses", responses]);

        Assert.True(exit == 0, test.Error.ToString());
        Assert.NotEmpty(test.Output.ToString());
    }
}
