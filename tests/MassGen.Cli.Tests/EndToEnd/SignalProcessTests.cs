using MassGen.Cli.Tests.Support;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>A real <c>massgen</c> process stopped by a signal mid-run ends gracefully: best answer, complete logs, exit code.</summary>
public sealed class SignalProcessTests
{
    [Theory(Timeout = TestTimeouts.Process)]
    [InlineData("TERM", ExitCodes.Terminated)]
    [InlineData("HUP", ExitCodes.HungUp)]
    public Task Main_SignalWhileAnAgentStreams_ExitsGracefullyWithResultJson(string signal, int expectedExit) =>
        SignalMidRunAsync(signal, expectedExit, $"Stopping (SIG{signal})");

    [InterruptibleFact]
    public Task Main_InterruptWhileAnAgentStreams_ExitsGracefullyWithResultJson() =>
        SignalMidRunAsync("INT", ExitCodes.Interrupted, "Stopping (Ctrl+C)");

    private static async Task SignalMidRunAsync(string signal, int expectedExit, string announcement)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue("solo-model", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "Draft answer." }.ToJsonString()));
        var stall = server.Enqueue("solo-model", FakeTurn.Text("Thinking about", " a better").StallAfter(1));
        var work = Directory.CreateTempSubdirectory("massgen-signal-").FullName;
        try
        {
            var config = Path.Combine(work, "team.yaml");
            // The stalled call must still be open when the signal arrives, however slow this machine is to send it: an
            // idle timeout far beyond the test's own bound (the default 60 s of real time is not) never ends it first.
            await File.WriteAllTextAsync(config, $"""
                agents:
                  - id: solo
                    backend: {"{"} type: vllm, model: solo-model, base_url: "{server.OpenAIBaseUrl}", idle_timeout: 3600 {"}"}
                """);
            using var process = Start(work, "--config", config, "--json", "Write a draft.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            // The run is mid-way once the second model call is held open by the server.
            await stall.Stalled;
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == expectedExit, $"exit {process.ExitCode}: {await error}");
            Assert.Contains(announcement, await error);
            var printed = JsonNode.Parse(await output)!;
            Assert.Equal("interrupted", printed["termination_reason"]!.GetValue<string>());
            Assert.Equal("Draft answer.", printed["final_answer"]!.GetValue<string>());
            var directory = printed["log_directory"]!.GetValue<string>();
            Assert.True(JsonNode.DeepEquals(printed, JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "result.json")))));
            var events = File.ReadAllLines(Path.Combine(directory, "events.jsonl"));
            Assert.Equal("run_finished", JsonNode.Parse(events[^1])!["type"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Process Start(string workingDirectory, params string[] arguments) => MassGenProcess.Start(workingDirectory, redirectOutput: true, arguments);
}
