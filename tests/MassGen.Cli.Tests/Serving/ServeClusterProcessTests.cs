using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Providers;
using MassGen.Testing.Services;

namespace MassGen.Cli.Tests.Serving;

/// <summary>
/// Two <c>massgen serve --cluster</c> processes on 127.0.0.1 (different ports and folders, one Redis server) form one
/// cluster: the official OpenAI JavaScript client runs a team through each, and each node lists both runs.
/// </summary>
public sealed partial class ServeClusterProcessTests
{
    [ClusterNodeFact(Timeout = TestTimeouts.Cluster)]
    public async Task TwoServeProcesses_OneCluster_RunsThroughEitherNodeAreListedByBoth()
    {
        var package = NodeFactAttribute.FindOpenAiPackage()
            ?? throw new InvalidOperationException("The OpenAI JavaScript client is not in .tools/openai-client: run .ci/install-fixtures (it needs npm).");
        var redis = await TestRedis.AddressAsync();
        await using var provider = await FakeProviderServer.StartAsync();
        for (var i = 1; i <= 2; i++)
        {
            provider.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = $"Draft {i}." }.ToJsonString()));
            provider.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "It is right." }.ToJsonString()));
            provider.Enqueue("solo-model", FakeTurn.Text($"Final answer {i}."));
        }

        // A cluster name of its own, so no other cluster on the same Redis server is joined.
        var variables = new Dictionary<string, string> { ["MASSGEN_CLUSTER_ID"] = "e2e-" + Guid.NewGuid().ToString("N") };
        var folders = new[] { Directory.CreateTempSubdirectory("massgen-node1-"), Directory.CreateTempSubdirectory("massgen-node2-") };
        var nodes = new List<Process>();
        try
        {
            var urls = new List<string>();
            foreach (var folder in folders)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "team.yaml"), $"""
                    agents:
                      - id: solo
                        backend:
                          type: vllm
                          model: solo-model
                          base_url: {provider.OpenAIBaseUrl}
                    """);
                var node = MassGenProcess.Start(folder.FullName, redirectOutput: true, variables, "serve", "--config", "team.yaml", "--port", "0", "--cluster", redis);
                nodes.Add(node);
                urls.Add(await ListeningUrlAsync(node));
            }

            var (exit, output, error) = await ServeNodeClientTests.RunNodeAsync(Path.Combine(AppContext.BaseDirectory, "Serving", "openai-cluster.mjs"), package, urls[0].TrimEnd('/'), urls[1].TrimEnd('/'));

            Assert.True(exit == 0, $"node exited {exit}: {error}");
            var seen = JsonNode.Parse(output)!;
            var runs = seen["runs"]!.AsArray();
            Assert.Equal("Final answer 1.", runs[0]!["text"]!.GetValue<string>());
            Assert.Equal("Final answer 2.", runs[1]!["text"]!.GetValue<string>());
            var runIds = runs.Select(r => r!["runId"]!.GetValue<string>()).ToList();
            foreach (var listing in seen["listed"]!.AsArray())
            {
                var listed = listing!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["status"]!.GetValue<string>());
                Assert.All(runIds, id => Assert.Equal("finished", listed.GetValueOrDefault(id)));
            }

            // Each run was logged, in full, by the node whose silo ran it.
            Assert.All(runIds, id => Assert.Single(folders, f => File.Exists(Path.Combine(f.FullName, ".massgen", "logs", id, "result.json"))));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                node.Dispose();
            }

            foreach (var folder in folders)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    /// <summary>The OpenAI base URL the node prints once it listens (and has joined the cluster).</summary>
    internal static async Task<string> ListeningUrlAsync(Process node)
    {
        var seen = new System.Text.StringBuilder();
        while (await node.StandardError.ReadLineAsync() is { } line)
        {
            seen.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // The node goes on writing; nothing may block on a full pipe.
                _ = node.StandardError.ReadToEndAsync();
                _ = node.StandardOutput.ReadToEndAsync();
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"massgen serve --cluster ended at start: {seen}");
    }

    [GeneratedRegex(@"massgen serve: .* at (http://\S+/v1/)")]
    private static partial Regex ListeningLine();
}

/// <summary>A fact that skips, saying why, without node (for the OpenAI JavaScript client) or without Redis.</summary>
public sealed class ClusterNodeFactAttribute : FactAttribute
{
    public ClusterNodeFactAttribute()
    {
        Skip = NodeFactAttribute.Node is null
            ? "node is not installed: the OpenAI JavaScript client test needs it (and .ci/install-fixtures to install the client)"
            : TestRedis.SkipReason;
    }
}
