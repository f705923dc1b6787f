using System.Diagnostics;
using System.Text.Json.Nodes;
using MassGen.Testing;

namespace MassGen.Cli.Tests.Serving;

/// <summary>
/// The official OpenAI JavaScript client (installed into .tools/ by .ci/install-fixtures) against <c>massgen serve</c>:
/// the models list, a completion, a streamed completion with usage and the progress extension, and an error.
/// </summary>
public sealed class ServeNodeClientTests
{
    [NodeFact(Timeout = TestTimeouts.Default)]
    public async Task OpenAiJavaScriptClient_ModelsCompletionStreamAndError_AllAsOpenAIsOwn()
    {
        var package = NodeFactAttribute.FindOpenAiPackage()
            ?? throw new InvalidOperationException("The OpenAI JavaScript client is not in .tools/openai-client: run .ci/install-fixtures (it needs npm).");
        await using var serve = await ServeFixture.StartAsync();
        serve.ScriptRun("Paris.", "The capital of France is Paris.");
        serve.ScriptRun("4.", "Two plus two is four.");
        var script = Path.Combine(AppContext.BaseDirectory, "Serving", "openai-client.mjs");

        var (exit, output, error) = await RunNodeAsync(script, package, serve.BaseUrl.ToString().TrimEnd('/'));

        Assert.True(exit == 0, $"node exited {exit}: {error}\n{serve.Test.Error}");
        var seen = JsonNode.Parse(output)!;
        Assert.Equal("team", seen["models"]![0]!.GetValue<string>());

        Assert.Equal("The capital of France is Paris.", seen["completion"]!["text"]!.GetValue<string>());
        Assert.Equal("stop", seen["completion"]!["finish"]!.GetValue<string>());
        Assert.Equal(430, seen["completion"]!["totalTokens"]!.GetValue<int>());
        Assert.Equal("temperature", seen["completion"]!["ignored"]!.GetValue<string>());
        var runId = seen["completion"]!["runId"]!.GetValue<string>();

        Assert.Equal("Two plus two is four.", seen["stream"]!["text"]!.GetValue<string>());
        Assert.Equal(430, seen["stream"]!["totalTokens"]!.GetValue<int>());
        var progress = seen["stream"]!["progress"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal("run_started", progress[0]);
        Assert.Contains("answer_accepted", progress);
        Assert.Contains("vote_counted", progress);
        Assert.Equal("run_finished", progress[^1]);
        Assert.DoesNotContain("final_answer_delta", progress);

        Assert.Equal(404, seen["error"]!["status"]!.GetValue<int>());
        Assert.Equal("model_not_found", seen["error"]!["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", seen["error"]!["type"]!.GetValue<string>());

        Assert.Equal(0, await serve.StopAsync());
        Assert.True(File.Exists(Path.Combine(serve.LogFolder(runId), "result.json")));
        Assert.True(File.Exists(Path.Combine(serve.LogFolder(seen["stream"]!["runId"]!.GetValue<string>()), "result.json")));
    }

    [NodeFact(Timeout = TestTimeouts.Default)]
    public async Task OpenAiJavaScriptClient_ResponsesApi_AnswerStreamAndError_AsOpenAIsOwn()
    {
        var package = NodeFactAttribute.FindOpenAiPackage()
            ?? throw new InvalidOperationException("The OpenAI JavaScript client is not in .tools/openai-client: run .ci/install-fixtures (it needs npm).");
        await using var serve = await ServeFixture.StartAsync();
        serve.ScriptRun("Paris.", "The capital of France is Paris.");
        serve.ScriptRun("4.", "Two plus two is four.");
        var script = Path.Combine(AppContext.BaseDirectory, "Serving", "openai-responses-client.mjs");

        var (exit, output, error) = await RunNodeAsync(script, package, serve.BaseUrl.ToString().TrimEnd('/'));

        Assert.True(exit == 0, $"node exited {exit}: {error}\n{serve.Test.Error}");
        var seen = JsonNode.Parse(output)!;
        Assert.Equal("The capital of France is Paris.", seen["answer"]!["text"]!.GetValue<string>());
        Assert.Equal("completed", seen["answer"]!["status"]!.GetValue<string>());
        Assert.Equal(430, seen["answer"]!["totalTokens"]!.GetValue<int>());
        var runId = seen["answer"]!["runId"]!.GetValue<string>();
        Assert.Equal("resp_" + runId, seen["answer"]!["id"]!.GetValue<string>());

        Assert.Equal("Two plus two is four.", seen["stream"]!["deltas"]!.GetValue<string>());
        Assert.Equal("Two plus two is four.", seen["stream"]!["text"]!.GetValue<string>());
        Assert.Equal(430, seen["stream"]!["totalTokens"]!.GetValue<int>());
        Assert.Equal("response.created", seen["stream"]!["first"]!.GetValue<string>());
        Assert.Equal("response.completed", seen["stream"]!["last"]!.GetValue<string>());

        Assert.Equal(404, seen["error"]!["status"]!.GetValue<int>());
        Assert.Equal("model_not_found", seen["error"]!["code"]!.GetValue<string>());

        Assert.Equal(0, await serve.StopAsync());
        Assert.True(File.Exists(Path.Combine(serve.LogFolder(runId), "result.json")));
    }

    /// <summary>Runs node with these arguments to its end: exit code, standard output and error.</summary>
    internal static async Task<(int Exit, string Output, string Error)> RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(NodeFactAttribute.Node!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that skips, saying why, when node is not on the PATH (the OpenAI JavaScript client needs it).</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (Node is null)
        {
            Skip = "node is not installed: the OpenAI JavaScript client test needs it (and .ci/install-fixtures to install the client)";
        }
    }

    public static string? Node { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "node.exe" : "node"))
        .FirstOrDefault(File.Exists);

    /// <summary>The client's entry file in .tools/openai-client above the test's folder, or null.</summary>
    public static string? FindOpenAiPackage()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var entry = Path.Join(folder.FullName, ".tools", "openai-client", "node_modules", "openai", "index.mjs");
            if (File.Exists(entry))
            {
                return entry;
            }
        }

        return null;
    }
}
