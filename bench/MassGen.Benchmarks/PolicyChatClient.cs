using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MassGen.Benchmarks;

/// <summary>
/// A benchmark model: answers once, then votes for the first label it is offered, and writes a short text when asked
/// to present. Each call can take a fixed delay; call intervals are recorded to compute the model-busy time.
/// </summary>
internal sealed class PolicyChatClient(string name, TimeSpan delay, ConcurrentQueue<(string Agent, long Start, long End)>? intervals = null) : IChatClient
{
    private static readonly UsageDetails s_usage = new() { InputTokenCount = 100, OutputTokenCount = 20 };
    private bool _answered;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        AIContent content = Decide(options);
        // Lock-free, so any lock contention the harness reports is the orchestrator's.
        intervals?.Enqueue((name, start, Stopwatch.GetTimestamp()));

        yield return new ChatResponseUpdate(ChatRole.Assistant, [content]);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(s_usage)]);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private AIContent Decide(ChatOptions? options)
    {
        AIFunctionDeclaration? vote = null;
        var canAnswer = false;
        foreach (var tool in options?.Tools ?? [])
        {
            canAnswer |= tool.Name == "new_answer";
            if (tool.Name == "vote")
            {
                vote = (AIFunctionDeclaration)tool;
            }
        }

        if (canAnswer && !_answered)
        {
            _answered = true;
            return new FunctionCallContent(Guid.NewGuid().ToString("N"), "new_answer", new Dictionary<string, object?> { ["content"] = $"The answer of {name}: 42, because it is the answer." });
        }

        if (vote is not null)
        {
            var label = vote.JsonSchema.GetProperty("properties").GetProperty("agent_id").GetProperty("enum")[0].GetString();
            return new FunctionCallContent(Guid.NewGuid().ToString("N"), "vote", new Dictionary<string, object?> { ["agent_id"] = label, ["reason"] = "it is complete" });
        }

        return new TextContent("Final answer: 42.");
    }
}
