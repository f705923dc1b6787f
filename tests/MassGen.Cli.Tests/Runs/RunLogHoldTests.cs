using System.Runtime.CompilerServices;
using MassGen.Cli.Displays;
using MassGen.Cli.Runs;
using MassGen.Cli.Tests.Commands;
using MassGen.Cli.Tests.Support;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Tests.Runs;

public sealed class RunLogHoldTests
{
    [Fact(Timeout = TestTimeouts.Default)]
    public async Task Run_FirstCallsLeave_TheLogCatchesUpWhileTheyWaitForTheirAnswers()
    {
        using var test = new TestHost();
        var model = new WaitingModel(test.LogsRoot);
        var loader = new OneAgentLoader(model);

        var run = new MassGenApp(test.Host, loader).RunAsync(["--config", MassGenAppRunTests.WriteConfig(test), "--display", "silent", "Six times seven?"]);

        // The call has been made: nothing was written before it, and the log catches up while its answer is awaited
        // (the fake clock stands still, so the hold's time limit plays no part).
        await model.Called.Task;
        Assert.Equal(0, model.LinesWhenCalled);
        while (model.EventLines() < 2)
        {
            await Task.Delay(5);
        }

        model.Answer.SetResult();
        Assert.Equal(ExitCodes.Answered, await run);
        var lines = File.ReadAllLines(Path.Combine(Assert.Single(Directory.GetDirectories(test.LogsRoot)), "events.jsonl"));
        Assert.StartsWith("{\"type\":\"run_started\"", lines[0]);
        Assert.StartsWith("{\"type\":\"run_finished\"", lines[^1]);
    }

    private sealed class OneAgentLoader(IChatClient model) : ITeamLoader
    {
        public Task<LoadedTeam> LoadAsync(TeamSource source, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LoadedTeam
            {
                Agents = [new AgentDefinition("solo", model)],
                Options = new OrchestratorOptions(),
                Display = DisplayKind.Silent,
                LoggingEnabled = true,
            });

        public (string Report, bool HasErrors) Validate(string path) => (path, false);
    }

    /// <summary>Notes how many event lines were on disk when it was first called, then answers once released; later calls answer at once.</summary>
    private sealed class WaitingModel(string logsRoot) : IChatClient
    {
        private int _calls;

        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int LinesWhenCalled { get; private set; } = -1;

        public int EventLines()
        {
            var run = Directory.Exists(logsRoot) ? Directory.GetDirectories(logsRoot).SingleOrDefault() : null;
            var path = run is null ? null : Path.Combine(run, "events.jsonl");
            if (path is null || !File.Exists(path))
            {
                return 0;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                LinesWhenCalled = EventLines();
                Called.SetResult();
                await Answer.Task.WaitAsync(cancellationToken);
            }

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().Select(t => t.Name).ToList() ?? [];
            AIContent content = tools.Contains("new_answer") && _calls == 1
                ? new FunctionCallContent("a", "new_answer", new Dictionary<string, object?> { ["content"] = "42" })
                : tools.Contains("vote")
                    ? new FunctionCallContent("v", "vote", new Dictionary<string, object?> { ["agent_id"] = "agent1", ["reason"] = "right" })
                    : new TextContent("Six times seven is 42.");
            yield return new ChatResponseUpdate(ChatRole.Assistant, [content]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
