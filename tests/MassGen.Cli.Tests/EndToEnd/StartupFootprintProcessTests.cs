using MassGen.Cli.Tests.Support;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// A run loads only what it uses: with a team of API agents, none of the local-model runtime, the evaluation libraries,
/// the MCP client or the cluster (Orleans) is in the process while it talks to its models.
/// </summary>
public sealed class StartupFootprintProcessTests
{
    private static readonly string[] s_notForThisRun =
        ["LLamaSharp.dll", "MassGen.Providers.Local.dll", "MassGen.Evaluation.dll", "ModelContextProtocol.Core.dll", "MassGen.Cluster.dll", "Orleans.Core.dll", "Orleans.Runtime.dll"];

    [ProcFact]
    public async Task Run_ApiAgentsOnly_LoadsNoLocalModelEvaluationOrMcpAssemblies()
    {
        await using var server = await FakeProviderServer.StartAsync();
        // Both agents' first calls are held open, so the process is mid-run (every client built, requests sent) while
        // the test looks at what it has loaded. The idle timeouts are far beyond the test's bound: on a slow machine the
        // first stall must not end (and its agent retry or fail) before the second call has even been sent.
        var chat = server.Enqueue("chat-model", FakeTurn.Text("Thinking").StallAfter(1));
        var claude = server.Enqueue("claude-model", FakeTurn.Text("Thinking").StallAfter(1));
        var work = Directory.CreateTempSubdirectory("massgen-footprint-").FullName;
        try
        {
            var config = Path.Combine(work, "team.yaml");
            await File.WriteAllTextAsync(config, $"""
                agents:
                  - id: fast
                    backend: {"{"} type: vllm, model: chat-model, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 3600 {"}"}
                  - id: careful
                    backend: {"{"} type: claude, model: claude-model, api_key: sk-test, base_url: "{server.BaseUrl}", idle_timeout: 3600 {"}"}
                """);
            using var process = MassGenProcess.Start(work, redirectOutput: true, "--config", config, "--display", "simple", "--no-logs", "q");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await Task.WhenAll(chat.Stalled, claude.Stalled);

            var mapped = Mapped(process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            Assert.Contains("Anthropic.dll", mapped);
            Assert.Contains("OpenAI.dll", mapped);
            var unexpected = s_notForThisRun.Where(mapped.Contains).ToList();
            Assert.True(unexpected.Count == 0, "loaded without being used: " + string.Join(", ", unexpected));
            _ = await output;
            _ = await error;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [ProcFact]
    public async Task Eval_WithoutCluster_LoadsNoClusterAssemblies()
    {
        // The model's "server" takes the connection and never answers: the eval is mid-call while the test looks.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var work = Directory.CreateTempSubdirectory("massgen-footprint-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "team.yaml"), $"""
                agents:
                  - id: fast
                    backend: {"{"} type: vllm, model: chat-model, base_url: "http://127.0.0.1:{port}/v1" {"}"}
                """);
            await File.WriteAllTextAsync(Path.Combine(work, "items.jsonl"), """{"question": "1 + 1?", "answer": "#### 2"}""" + "\n");
            using var process = MassGenProcess.Start(work, redirectOutput: true, "eval", "--config", "team.yaml", "--benchmark", "gsm8k", "--input", "items.jsonl", "--output", "out", "--arms", "single", "--json");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var call = await silent.AcceptTcpClientAsync();

            var mapped = Mapped(process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            Assert.Contains("MassGen.Evaluation.dll", mapped);
            var unexpected = new[] { "MassGen.Cluster.dll", "Orleans.Core.dll", "Orleans.Runtime.dll", "StackExchange.Redis.dll" }.Where(mapped.Contains).ToList();
            Assert.True(unexpected.Count == 0, "loaded without being used: " + string.Join(", ", unexpected));
            _ = await output;
            _ = await error;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The assemblies the process has mapped now.</summary>
    private static HashSet<string?> Mapped(System.Diagnostics.Process process) =>
        File.ReadAllLines($"/proc/{process.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);
}
