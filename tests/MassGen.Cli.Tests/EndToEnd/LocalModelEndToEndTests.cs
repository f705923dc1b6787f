using System.Text.Json.Nodes;
using MassGen.Cli.Tests.Support;
using MassGen.Testing;
using MassGen.Testing.Models;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>
/// A team on backend type <c>local</c> through the whole command: the configuration names a GGUF file, LLamaSharp loads
/// it in-process and the orchestrator streams from it. The tiny test model has random weights, so it never produces a
/// valid decision: the run must end cleanly without an answer, with the model's streamed text and usage in the logs.
/// </summary>
public sealed class LocalModelEndToEndTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LocalGgufAgent_LoadsStreamsAndEndsWithoutAnswer()
    {
        using var test = new TestHost();
        var model = Path.Combine(test.WorkingDirectory, "tiny.gguf");
        TinyGgufModel.Write(model);
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: offline
                backend:
                  type: local
                  model: {model}
                  max_tokens: 8
                  context_size: 4096
            orchestrator:
              max_decision_retries: 0
              max_consecutive_failures: 1
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "--json", "Say something."]);

        Assert.True(exit == ExitCodes.NoAnswer, test.Error.ToString() + test.Console.Output);
        var printed = JsonNode.Parse(test.Output.ToString())!;
        Assert.Equal("all_failed", printed["termination_reason"]!.GetValue<string>());
        Assert.True(printed["total_usage"]!["output_tokens"]!.GetValue<long>() > 0);
        var events = File.ReadAllLines(Path.Combine(printed["log_directory"]!.GetValue<string>(), "events.jsonl"))
            .Select(l => JsonNode.Parse(l)!["type"]!.GetValue<string>())
            .ToList();
        Assert.Contains("text_delta", events);
        Assert.Contains("decision_rejected", events);
        Assert.Equal("run_finished", events[^1]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task RunAsync_LocalFileIsNotAModel_ExitsOneNamingTheAgentAndTheFile()
    {
        using var test = new TestHost();
        var model = Path.Combine(test.WorkingDirectory, "broken.gguf");
        await File.WriteAllTextAsync(model, "not a model");
        var config = Path.Combine(test.WorkingDirectory, "team.yaml");
        await File.WriteAllTextAsync(config, $"""
            agents:
              - id: offline
                backend:
                  type: local
                  model: {model}
            """);

        var exit = await new MassGenApp(test.Host).RunAsync(["--config", config, "Say something."]);

        Assert.Equal(ExitCodes.UsageError, exit);
        var error = test.Error.ToString() + test.Console.Output;
        Assert.Contains("agents[0] (offline).backend.model", error);
        Assert.Contains("Could not load the GGUF model", error);
        Assert.Contains("broken.gguf", error);
    }
}
