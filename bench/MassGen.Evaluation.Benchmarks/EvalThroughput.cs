using System.Diagnostics;
using System.Text.Json;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Evaluation.Eval;
using Microsoft.Extensions.AI;

namespace MassGen.Evaluation.Benchmarks;

/// <summary>
/// <c>eval-throughput</c>: a whole <c>massgen eval</c> (library) of N GSM8K-style items in five arms (two members alone,
/// vote, council, team) with zero-latency in-process models; prints items per second, units per second, peak working
/// set and bytes allocated.
/// </summary>
internal static class EvalThroughput
{
    public static async Task RunAsync(int items, int concurrency)
    {
        var folder = Directory.CreateTempSubdirectory("massgen-eval-bench-").FullName;
        try
        {
            var input = Path.Combine(folder, "items.jsonl");
            await File.WriteAllLinesAsync(input, Enumerable.Range(0, items).Select(i =>
                JsonSerializer.Serialize(new { question = $"Item {i}: what is {i} plus one?", answer = $"#### {i + 1}" })));
            var team = new EvalTeam([new AgentDefinition("a", new InstantModel("a")), new AgentDefinition("b", new InstantModel("b"))], new OrchestratorOptions());
            var options = new EvalOptions
            {
                Benchmark = "gsm8k",
                InputPath = input,
                OutputDirectory = Path.Combine(folder, "out"),
                Arms = ["single", "vote", "council", "team"],
                Concurrency = concurrency,
            };

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var outcome = await new EvalRunner(team, options).RunAsync();
            watch.Stop();
            var units = File.ReadLines(Path.Combine(options.OutputDirectory, "items.jsonl")).Count();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"eval-throughput: {items} items x 5 arms, concurrency {concurrency}, {Environment.ProcessorCount} cores: "
                + $"{watch.Elapsed.TotalSeconds:0.00} s, {items / watch.Elapsed.TotalSeconds:0.0} items/s, {units / watch.Elapsed.TotalSeconds:0} units/s ({units} units, complete {outcome.Complete}); "
                + $"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} MB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Answers at once: a new answer, then a vote for agent1, then plain text; 100 input and 10 output tokens a call.</summary>
    private sealed class InstantModel(string name) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var tools = options?.Tools?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var text = string.Concat(messages.Select(m => m.Text));
            var number = System.Text.RegularExpressions.Regex.Match(text, @"Item (\d+):").Groups[1].Value;
            ChatMessage reply = tools.Contains("vote")
                ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + Guid.NewGuid().ToString("N"), "vote", new Dictionary<string, object?> { ["agent_id"] = "agent1", ["reason"] = "fine" })])
                : tools.Contains("new_answer")
                    ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + Guid.NewGuid().ToString("N"), "new_answer", new Dictionary<string, object?> { ["content"] = $"{name}: #### {number}1" })])
                    : new ChatMessage(ChatRole.Assistant, $"{name} says #### {number}1");
            return Task.FromResult(new ChatResponse(reply) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10 } });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
