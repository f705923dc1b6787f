using System.Runtime.CompilerServices;
using System.Text.Json;
using MassGen.Cli.Displays;
using MassGen.Cli.Logging;
using MassGen.Cli.Runs.Wire;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Runs;

/// <summary>
/// A whole two-agent coordination against scripted in-memory models (answer, vote, present), run once per process in
/// the background while the real run's first model calls are in flight, with its events serialized as the run log
/// writes them and folded into a status and a result document, all thrown away. In a fresh process every code path a
/// run takes after its first answers (the async state machines of turns, voting and presentation, the run log's JSON)
/// is compiled by the JIT the first time it runs; ReadyToRun cannot compile most of it ahead of time because it
/// instantiates the runtime's generic code over the program's own types. Without the rehearsal that compilation
/// happens on the critical path, at the hop into voting and into the presentation; with it, it happens while the run
/// is only waiting for the network. Before the coordination, the team's provider clients read canned answers
/// (<see cref="WireRehearsal"/>): the first real answers need that code even earlier. Nothing it does reaches the
/// run, its logs, the terminal or telemetry.
/// </summary>
internal static class Rehearsal
{
    private static int s_started;

    /// <summary>
    /// Starts the rehearsal unless this process has already run one; returns at once. With <paramref name="backends"/>
    /// it also reads canned answers through clients of those backends (<see cref="WireRehearsal"/>).
    /// </summary>
    public static Task? StartOnce(IReadOnlyList<RehearsalBackend>? backends = null)
    {
        if (Interlocked.Exchange(ref s_started, 1) == 1)
        {
            return null;
        }

        // The providers' response path first: the first answers need it before the hop into voting needs the engine.
        return Task.Run(async () =>
        {
            await WireRehearsal.RunQuietlyAsync(backends ?? []).ConfigureAwait(false);
            await RehearseQuietlyAsync().ConfigureAwait(false);
        });
    }

    /// <summary>Runs the rehearsal; its result shows it went through answers, votes and a presentation.</summary>
    internal static async Task<CoordinationResult?> RunAsync()
    {
        AgentDefinition[] agents = [new("rehearsal1", new ScriptedModel()), new("rehearsal2", new ScriptedModel())];
        var options = new OrchestratorOptions { Seed = 1 };
        var view = new RunView();
        view.SeedAgents(agents.Select(a => (a.Id, "?", (string?)"rehearsal")));
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in new Orchestrator(agents, options).RunAsync(new CoordinationRequest("rehearsal")).ConfigureAwait(false))
        {
            _ = JsonSerializer.Serialize(coordinationEvent, RunLogJson.Compact);
            view.Apply(coordinationEvent);
            if (coordinationEvent is RunFinished finished)
            {
                result = finished.Result;
                _ = RunLogger.StatusJson(view, "rehearsal", TimeProvider.System.GetUtcNow());
                _ = ResultDocument.ToJson(ResultDocument.Create(result, "rehearsal", null, null, "rehearsal", new WebSources()));
            }
        }

        return result;
    }

    private static async Task RehearseQuietlyAsync()
    {
        try
        {
            await RunAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A rehearsal that fails only means the real run compiles that code itself.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Answers once, then votes for the first label it is offered, then presents; instantly.</summary>
    private sealed class ScriptedModel : IChatClient
    {
        private int _answered;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            AIContent content;
            if (tools.Any(t => t.Name == "new_answer") && Interlocked.Exchange(ref _answered, 1) == 0)
            {
                content = new FunctionCallContent("answer", "new_answer", new Dictionary<string, object?> { ["content"] = "42" });
            }
            else if (tools.FirstOrDefault(t => t.Name == "vote") is { } vote)
            {
                var label = vote.JsonSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("agent_id", out var agentId)
                    && agentId.TryGetProperty("enum", out var labels) && labels.GetArrayLength() > 0 ? labels[0].GetString() : "agent1";
                content = new FunctionCallContent("vote", "vote", new Dictionary<string, object?> { ["agent_id"] = label, ["reason"] = "rehearsal" });
            }
            else
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "The answer ");
                content = new TextContent("is 42.");
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, [content, new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 })])
            {
                FinishReason = content is FunctionCallContent ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
