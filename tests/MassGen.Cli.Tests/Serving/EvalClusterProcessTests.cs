using System.Diagnostics;
using MassGen.Cli.Tests.EndToEnd;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Evaluation;
using MassGen.Testing.Providers;
using MassGen.Testing.Services;

namespace MassGen.Cli.Tests.Serving;

/// <summary>
/// <c>massgen eval --cluster</c> in-process with a <c>massgen serve --cluster</c> process as the cluster's other node
/// (another folder, the same config), against the fake provider server: the eval's model calls are made on both
/// nodes, and its report and items are those of the same eval without a cluster; <c>--resume</c> of the finished
/// eval through the cluster changes nothing.
/// </summary>
public sealed class EvalClusterProcessTests
{
    [RedisProcessFact(Timeout = TestTimeouts.Cluster)]
    public async Task EvalWithACluster_CallsRunOnBothNodes_AndTheReportIsTheLocalEvalsReport()
    {
        var redis = await TestRedis.AddressAsync();
        await using var server = await FakeProviderServer.StartAsync();
        var script = EvalEndToEndTests.Script();
        server.Responder = script.Respond;
        // A cluster name of its own, so no other cluster on the same Redis server is joined.
        var variables = new Dictionary<string, string> { ["MASSGEN_CLUSTER_ID"] = "eval-" + Guid.NewGuid().ToString("N") };
        using var test = new TestHost(variables: variables);
        var (config, input) = await EvalEndToEndTests.WriteFilesAsync(test.WorkingDirectory, script, server, 12);
        var otherFolder = Directory.CreateTempSubdirectory("massgen-eval-node-");
        File.Copy(config, Path.Combine(otherFolder.FullName, "team.yaml"));
        Process? node = null;
        try
        {
            node = MassGenProcess.Start(otherFolder.FullName, redirectOutput: true, variables, "serve", "--config", "team.yaml", "--port", "0", "--cluster", redis);
            await ServeClusterProcessTests.ListeningUrlAsync(node);
            string[] eval = ["eval", "--config", config, "--benchmark", "gsm8k", "--input", input, "--arms", "single,vote,council,team", "--concurrency", "3", "--json"];

            var clustered = await new MassGenApp(test.Host).RunAsync([.. eval, "--output", "cluster", "--cluster", redis]);
            var resumed = await new MassGenApp(test.Host).RunAsync([.. eval, "--output", "cluster", "--cluster", redis, "--resume"]);
            var local = await new MassGenApp(test.Host).RunAsync([.. eval, "--output", "local"]);

            Assert.True(clustered == 0 && resumed == 0 && local == 0, test.Error.ToString());
            var error = test.Error.ToString();
            Assert.Contains($"massgen eval: a node of the cluster at {redis}", error, StringComparison.Ordinal);
            // 12 items: three members alone, the council's chairman and the team, each a call on some node.
            Assert.Contains("60 model calls on 2 silo(s)", error, StringComparison.Ordinal);
            Assert.Contains("0 model calls on 0 silo(s)", error, StringComparison.Ordinal);
            var cluster = Path.Combine(test.WorkingDirectory, "cluster");
            var alone = Path.Combine(test.WorkingDirectory, "local");
            Assert.Equal(ComparableEval.Report(alone), ComparableEval.Report(cluster));
            Assert.Equal(ComparableEval.Units(alone), ComparableEval.Units(cluster));
        }
        finally
        {
            if (node is not null)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                node.Dispose();
            }

            otherFolder.Delete(recursive: true);
        }
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("--cluster", "127.0.0.1:1", "does not answer")]
    [InlineData("--cluster", ",", "names no server")]
    [InlineData(null, "127.0.0.1:1", "does not answer")]
    public async Task UnusableRedis_EvalDoesNotStart_AndSaysWhatToFix(string? option, string address, string expected)
    {
        var variables = option is null ? new Dictionary<string, string> { ["MASSGEN_CLUSTER_REDIS"] = address } : null;
        using var test = new TestHost(variables: variables);
        await File.WriteAllTextAsync(Path.Combine(test.WorkingDirectory, "team.yaml"), """
            agents:
              - id: solo
                backend: { type: vllm, model: solo-model, base_url: "http://127.0.0.1:1/v1" }
            """);
        await File.WriteAllTextAsync(Path.Combine(test.WorkingDirectory, "items.jsonl"), """{"question": "1 + 1?", "answer": "#### 2"}""" + "\n");
        string[] eval = ["eval", "--config", "team.yaml", "--benchmark", "gsm8k", "--input", "items.jsonl", "--output", "out"];

        var exit = await new MassGenApp(test.Host).RunAsync(option is null ? eval : [.. eval, option, address], CancellationToken.None);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("massgen eval cannot join the cluster", test.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, test.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--cluster", test.Error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(test.WorkingDirectory, "out", "items.jsonl")));
    }
}

/// <summary>A fact that skips, saying why, without Redis.</summary>
public sealed class RedisProcessFactAttribute : FactAttribute
{
    public RedisProcessFactAttribute()
    {
        Skip = TestRedis.SkipReason;
    }
}
