using MassGen.Cli.Tests.Support;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Serving;

/// <summary><c>massgen serve --cluster</c> (or <c>MASSGEN_CLUSTER_REDIS</c>) with an address that cannot work: no start, and why.</summary>
public sealed class ServeClusterOptionTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("--cluster", "127.0.0.1:1", "does not answer")]
    [InlineData("--cluster", ",", "names no server")]
    [InlineData(null, "127.0.0.1:1", "does not answer")]
    public async Task UnusableRedis_ServeDoesNotStart_AndSaysWhatToFix(string? option, string address, string expected)
    {
        var variables = option is null ? new Dictionary<string, string> { ["MASSGEN_CLUSTER_REDIS"] = address } : null;
        using var test = new TestHost(variables: variables, serverStarted: _ => throw new InvalidOperationException("The server must not start."));
        await File.WriteAllTextAsync(Path.Combine(test.WorkingDirectory, "team.yaml"), """
            agents:
              - id: solo
                backend: { type: vllm, model: solo-model, base_url: "http://127.0.0.1:1/v1" }
            """);
        string[] arguments = option is null ? ["serve", "--config", "team.yaml", "--port", "0"] : ["serve", "--config", "team.yaml", "--port", "0", option, address];

        var exit = await new MassGenApp(test.Host).RunAsync(arguments, CancellationToken.None);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("massgen serve cannot join the cluster", test.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, test.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--cluster", test.Error.ToString(), StringComparison.Ordinal);
    }
}
