using MassGen.Cli.Tests.Support;
using System.Diagnostics;
using System.Globalization;
using MassGen.Cli.Sessions;
using MassGen.Testing;
using MassGen.Testing.Providers;

namespace MassGen.Cli.Tests.EndToEnd;

/// <summary>Real <c>massgen</c> processes continuing the same session at the same time: every turn is kept.</summary>
public sealed class ConcurrentSessionProcessTests
{
    // Ten real processes start a .NET runtime each; on a loaded machine that takes far longer than one in-process test.
    // Ten cold .NET starts at once: about two minutes already on a busy 2-core machine.
    private const int TenProcessesTimeout = 2 * TestTimeouts.Process;

    [Fact(Timeout = TenProcessesTimeout)]
    public async Task Main_TenConcurrentContinues_KeepAllTenTurnsNumberedOnce()
    {
        await using var server = await FakeProviderServer.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            server.Enqueue("solo-model", FakeTurn.Text("An answer."));
        }

        var work = Directory.CreateTempSubdirectory("massgen-sessions-").FullName;
        try
        {
            var config = Path.Combine(work, "team.yaml");
            await File.WriteAllTextAsync(config, $"""
                agent:
                  id: solo
                  backend: {"{"} type: vllm, model: solo-model, base_url: "{server.OpenAIBaseUrl}" {"}"}
                ui:
                  use_orchestrator_for_single_agent: false
                """);
            var store = new SessionStore(Path.Combine(work, ".massgen", "sessions"), TimeProvider.System);
            var session = store.AddTurn(store.Create(config), "First question", "First answer.", "solo", null);

            var processes = Enumerable.Range(1, 10)
                .Select(i => Start(work, "--config", config, "--continue", "--display", "silent", string.Create(CultureInfo.InvariantCulture, $"Question {i}")))
                .ToList();
            var errors = processes.Select(p => p.StandardError.ReadToEndAsync()).ToList();
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync()));

            for (var i = 0; i < processes.Count; i++)
            {
                Assert.True(processes[i].ExitCode == 0, $"process {i + 1} exited {processes[i].ExitCode}: {await errors[i]}");
                processes[i].Dispose();
            }

            var stored = store.Find(session.SessionId)!;
            Assert.Equal(Enumerable.Range(1, 11), stored.Turns.Select(t => t.Number));
            Assert.Equal(
                Enumerable.Range(1, 10).Select(i => $"Question {i}").Prepend("First question").Order(StringComparer.Ordinal),
                stored.Turns.Select(t => t.Question).Order(StringComparer.Ordinal));
            Assert.Equal(11, Directory.GetFiles(Path.Combine(work, ".massgen", "sessions", session.SessionId), "turn_*.md").Length);
            Assert.Empty(Directory.GetFiles(Path.Combine(work, ".massgen", "sessions", session.SessionId), "*.tmp"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Process Start(string workingDirectory, params string[] arguments) => MassGenProcess.Start(workingDirectory, redirectOutput: false, arguments);
}
