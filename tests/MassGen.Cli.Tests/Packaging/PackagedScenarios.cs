using System.Text.Json.Nodes;
using MassGen.Testing.Models;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.Packaging;

/// <summary>
/// The CLI's end-to-end scenarios against a built distribution, each from a fresh folder outside the repository, with
/// the fake provider server on 127.0.0.1 as the model.
/// </summary>
internal static class PackagedScenarios
{
    private static string[] Quick(FakeProviderServer server, params string[] rest) =>
        ["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "solo-model", .. rest];

    private static void ScriptSoloAnswer(FakeProviderServer server, string answer, string presentation)
    {
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = answer }.ToJsonString()).WithUsage(100, 20));
        server.Enqueue("solo-model", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "It is correct." }.ToJsonString()).WithUsage(120, 10));
        server.Enqueue("solo-model", FakeTurn.Text(presentation).WithUsage(150, 30));
    }

    private static async Task InFolderAsync(Func<string, Task> scenario)
    {
        var folder = Directory.CreateTempSubdirectory("massgen-packaged-").FullName;
        try
        {
            await scenario(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static Task VersionAndHelpAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        var (versionExit, version, versionError) = await program.RunAsync(folder, null, "--version");
        var (helpExit, help, _) = await program.RunAsync(folder, null, "--help");

        Assert.True(versionExit == 0, program.Description + ": " + versionError);
        Assert.StartsWith("massgen 0.", version);
        Assert.Contains(".NET 10", version);
        Assert.Equal(0, helpExit);
        Assert.Contains("init", help);
        Assert.Contains("completion", help);
    });

    public static Task ValidateShippedExampleAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        var (exit, output, error) = await program.RunAsync(folder, new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test" }, "validate", "@examples/single-agent");

        Assert.True(exit == 0, program.Description + ": " + output + error);
        Assert.Contains("single-agent.yaml", output);
    });

    public static Task AnswerWithJsonResultEqualToLogsAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloAnswer(server, "Paris.", "The capital of France is Paris.");

        var (exit, output, error) = await program.RunAsync(folder, null, Quick(server, "--json", "What is the capital of France?"));

        Assert.True(exit == 0, program.Description + ": " + error);
        var printed = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("The capital of France is Paris.", printed["final_answer"]!.GetValue<string>());
        Assert.Equal("consensus", printed["termination_reason"]!.GetValue<string>());
        Assert.Equal(370, printed["total_usage"]!["input_tokens"]!.GetValue<long>());
        var directory = printed["log_directory"]!.GetValue<string>();
        Assert.StartsWith(folder, directory);
        Assert.Equal(output.Trim(), File.ReadAllText(Path.Combine(directory, "result.json")).Trim());
        var kinds = File.ReadAllLines(Path.Combine(directory, "events.jsonl")).Select(l => JsonNode.Parse(l)!["type"]!.GetValue<string>()).ToList();
        Assert.Equal("run_started", kinds[0]);
        Assert.Equal("run_finished", kinds[^1]);
        Assert.Equal(3, server.Requests.Count);
    });

    public static Task ContinueSendsTheEarlierTurnAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloAnswer(server, "Paris.", "Paris is the capital.");
        ScriptSoloAnswer(server, "Rome.", "Rome is the capital.");

        var first = await program.RunAsync(folder, null, Quick(server, "--display", "simple", "Capital of France?"));
        var second = await program.RunAsync(folder, null, Quick(server, "--display", "simple", "--continue", "And of Italy?"));

        Assert.True(first.Exit == 0, first.Error);
        Assert.True(second.Exit == 0, second.Error);
        var request = server.Requests[3].Body!.ToJsonString();
        Assert.Contains("Paris is the capital.", request);
        Assert.Contains("And of Italy?", request);
        Assert.Contains("Rome is the capital.", second.Output);
    });

    public static Task EveryAgentFailsExitsTwoAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.Error(401, "invalid API key"));
        await File.WriteAllTextAsync(Path.Combine(folder, "team.yaml"), $"""
            agents:
              - id: solo
                backend:
                  type: vllm
                  model: solo-model
                  base_url: {server.OpenAIBaseUrl}
            orchestrator:
              max_consecutive_failures: 1
            """);

        var (exit, output, error) = await program.RunAsync(folder, null, "--config", "team.yaml", "--json", "Anything?");

        Assert.True(exit == 2, program.Description + ": " + error);
        Assert.Equal("all_failed", JsonNode.Parse(output)!["termination_reason"]!.GetValue<string>());
        Assert.Contains("invalid API key", error);
    });

    public static Task ConfigWithErrorsListsEveryProblemAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "team.yaml"), """
            agents:
              - id: a
                backend:
                  type: vllm
                  modle: solo-model
                  base_url: http://127.0.0.1:9/v1
              - id: a
                backend:
                  type: openai
                  model: gpt-5-mini
            """);

        var (exit, _, error) = await program.RunAsync(folder, null, "validate", "team.yaml");

        Assert.True(exit == 1, program.Description + ": " + error);
        Assert.Contains("(line 5)", error);
        Assert.Contains("did you mean 'model'", error);
        Assert.Contains("OPENAI_API_KEY", error);
    });

    public static Task InitThenValidateAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        var keys = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test", ["ANTHROPIC_API_KEY"] = "sk-test" };

        var init = await program.RunAsync(folder, keys, "init", "--non-interactive", "--web-search", "--commands");
        var validate = await program.RunAsync(folder, keys, "validate", ".massgen/config.yaml");

        Assert.True(init.Exit == 0, program.Description + ": " + init.Error);
        Assert.True(validate.Exit == 0, validate.Output + validate.Error);
        Assert.Contains("claude", File.ReadAllText(Path.Combine(folder, ".massgen", "config.yaml")));
    });

    /// <summary>
    /// A team of a local GGUF agent and a server agent, run by a copy of the program without llama.cpp's native
    /// libraries: the local agent fails with what is missing and how to fix it, and the other agent still answers.
    /// </summary>
    public static Task LocalAgentWithoutNativeLibrariesAsync(PackagedProgram program, string platform) => InFolderAsync(async folder =>
    {
        await using var server = await FakeProviderServer.StartAsync();
        ScriptSoloAnswer(server, "Paris.", "The capital of France is Paris.");
        var model = Path.Combine(folder, "tiny.gguf");
        TinyGgufModel.Write(model);
        await File.WriteAllTextAsync(Path.Combine(folder, "team.yaml"), $"""
            agents:
              - id: offline
                backend:
                  type: local
                  model: {model}
              - id: served
                backend:
                  type: vllm
                  model: solo-model
                  base_url: {server.OpenAIBaseUrl}
            """);

        var (exit, output, error) = await program.RunAsync(folder, null, "--config", "team.yaml", "--json", "What is the capital of France?");

        Assert.True(exit == 0, program.Description + ": " + output + error);
        var printed = JsonNode.Parse(output)!.AsObject();
        Assert.Contains("Paris.", printed["final_answer"]!.GetValue<string>());
        Assert.Contains("Agent 'offline' (Local GGUF model, local)", error);
        Assert.Contains($"native libraries for {platform} (libllama and ggml), which were not found in ", error);
        Assert.Contains(Path.Combine("runtimes", platform, "native"), error);
        Assert.Contains("Fix: install massgen again so that the runtimes folder it ships with sits beside the program", error);
        Assert.True(server.Requests.Count >= 2, $"{server.Requests.Count} requests");
    });

    /// <summary>A local GGUF agent: llama.cpp loads from beside the program and streams (the tiny model never decides).</summary>
    public static Task LocalAgentStreamsAsync(PackagedProgram program) => InFolderAsync(async folder =>
    {
        var model = Path.Combine(folder, "tiny.gguf");
        TinyGgufModel.Write(model);
        await File.WriteAllTextAsync(Path.Combine(folder, "team.yaml"), $"""
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

        var (exit, output, error) = await program.RunAsync(folder, null, "--config", "team.yaml", "--json", "Say something.");

        Assert.True(exit == 2, program.Description + ": " + output + error);
        var printed = JsonNode.Parse(output)!;
        Assert.Equal("all_failed", printed["termination_reason"]!.GetValue<string>());
        Assert.True(printed["total_usage"]!["output_tokens"]!.GetValue<long>() > 0, output);
    });
}
