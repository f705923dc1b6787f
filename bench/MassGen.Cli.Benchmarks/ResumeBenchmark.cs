using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Cli.Logging;
using MassGen.Cli.Runs;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Cli.Benchmarks;

/// <summary>
/// Resume time of a stopped run whose log holds 1,000 events: reading events.jsonl and run.json, rebuilding the state,
/// and starting the resumed coordination until it has emitted <see cref="RunResumed"/> (models that never answer, so
/// only the resume path is measured).
/// </summary>
internal static class ResumeBenchmark
{
    private const int Seed = 5;

    public static async Task RunAsync(int events = 1000, int iterations = 20)
    {
        var folder = Directory.CreateTempSubdirectory("massgen-resume-bench-").FullName;
        try
        {
            var agents = Enumerable.Range(1, 5).Select(i => $"agent-{i}").ToArray();
            WriteLog(folder, agents, await LabelsAsync(agents.Length, Seed), events);
            var size = new FileInfo(Path.Combine(folder, RunLogger.EventsFile)).Length;
            for (var i = 0; i < 3; i++)
            {
                await ResumeOnceAsync(folder, agents);
            }

            var open = TimeSpan.Zero;
            var total = TimeSpan.Zero;
            for (var i = 0; i < iterations; i++)
            {
                var (opened, started) = await ResumeOnceAsync(folder, agents);
                open += opened;
                total += started;
            }

            Console.WriteLine($"resume of a run with {events} events ({size / 1024} KiB events.jsonl, {agents.Length} agents): " +
                $"read and rebuild {(open / iterations).TotalMilliseconds:0.00} ms, until run_resumed {(total / iterations).TotalMilliseconds:0.00} ms");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan Open, TimeSpan Started)> ResumeOnceAsync(string folder, string[] ids)
    {
        var watch = Stopwatch.StartNew();
        var stopped = StoppedRun.Open(folder);
        var open = watch.Elapsed;
        var agents = ids.Select(id => new AgentDefinition(id, new SilentModel())).ToList();
        await using var events = stopped.Prepare(agents, new OrchestratorOptions(), TimeProvider.System, stopped.Request(), CancellationToken.None).GetAsyncEnumerator();
        if (!await events.MoveNextAsync() || events.Current is not RunResumed)
        {
            throw new InvalidOperationException("the resumed run did not begin with run_resumed");
        }

        return (open, watch.Elapsed);
    }

    // A coordination's log as the loop writes it: turns with streamed text, answers, votes cleared and recast.
    private static void WriteLog(string folder, string[] ids, IReadOnlyList<string> assigned, int count)
    {
        var labels = Enumerable.Range(0, ids.Length).Select(i => new AgentLabel(ids[i], assigned[i], "m")).ToList();
        var list = new List<CoordinationEvent> { new RunStarted("Which is the largest planet?", Seed, labels) };
        var revision = 0;
        var turn = 0;
        while (list.Count < count - 1)
        {
            turn++;
            foreach (var agent in labels)
            {
                list.Add(new TurnStarted(agent.AgentId, agent.Label, turn, revision, TurnKind.Coordination, true));
                for (var d = 0; d < 12; d++)
                {
                    list.Add(new TextDelta(agent.AgentId, turn, "some streamed words "));
                }

                list.Add(new UsageReported(agent.AgentId, turn, new TokenUsage { InputTokens = 500, OutputTokens = 40 }, new TokenUsage { InputTokens = 500L * turn, OutputTokens = 40L * turn }));
                if (turn == 1)
                {
                    list.Add(new AnswerAccepted(agent.AgentId, agent.Label, ++revision, 1, $"Jupiter, says {agent.AgentId}."));
                }
                else
                {
                    list.Add(new VoteCounted(agent.AgentId, agent.Label, labels[0].AgentId, labels[0].Label, "most complete", revision));
                }
            }
        }

        list.Add(new TurnStarted(labels[^1].AgentId, labels[^1].Label, turn + 1, revision, TurnKind.Coordination, false));
        using var writer = new StreamWriter(Path.Combine(folder, RunLogger.EventsFile));
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < list.Count && i < count; i++)
        {
            writer.WriteLine(JsonSerializer.Serialize(list[i] with { Sequence = i + 1, Timestamp = start.AddMilliseconds(i) }, RunLogJson.Compact));
        }

        File.WriteAllText(Path.Combine(folder, RunLogger.RunInfoFile), new JsonObject { ["run_id"] = "bench", ["history"] = new JsonArray() }.ToJsonString());
    }

    // The label permutation of the seed, as the orchestrator assigns it (read from a run's first event).
    private static async Task<IReadOnlyList<string>> LabelsAsync(int agents, int seed)
    {
        var team = Enumerable.Range(0, agents).Select(i => new AgentDefinition($"probe-{i}", new SilentModel()));
        await using var first = new Orchestrator(team, new OrchestratorOptions { Seed = seed }).RunAsync(new CoordinationRequest("probe")).GetAsyncEnumerator();
        return await first.MoveNextAsync() && first.Current is RunStarted started
            ? [.. started.Agents.Select(a => a.Label)]
            : throw new InvalidOperationException("no run_started");
    }

    /// <summary>A model that never answers (cancelled when the resumed run is dropped).</summary>
    private sealed class SilentModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
