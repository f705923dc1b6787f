using System.Globalization;
using System.Text.RegularExpressions;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Testing.Scripting;

/// <summary>
/// A zero-latency model for evals in tests and benchmarks. It reads the item number from "Item N:" in the conversation
/// and answers "#### N+1" (right for an item "what is N plus one?") unless (N + seed + <paramref name="skew"/>) is a
/// multiple of 3, when it answers "#### N+2" (wrong): so its answers depend on the item and the seed, and two members
/// with different skews disagree. Offered the coordination tools it posts its answer until it sees that answer among
/// the team's, then votes for agent1: so a team run ends the same way however its members' turns interleave (a member
/// that voted as soon as a peer's answer was visible would, on a slow start, vote before answering and change the
/// winner). Every call: 100 input and 10 output tokens costing $0.001.
/// </summary>
public sealed partial class ItemAnswerModel(string name, int skew) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = string.Concat(messages.Select(m => m.Text));
        var item = int.Parse(ItemNumber().Match(text) is { Success: true } match ? match.Groups[1].Value : "0", CultureInfo.InvariantCulture);
        var seed = options?.Seed ?? 0;
        var answer = (item + seed + skew) % 3 == 0 ? item + 2 : item + 1;
        var tools = options?.Tools?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var ownAnswer = $"{name}: #### {answer}";
        var reply = tools.Contains("new_answer") && !text.Contains(ownAnswer, StringComparison.Ordinal)
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + Guid.NewGuid().ToString("N"), "new_answer", new Dictionary<string, object?> { ["content"] = ownAnswer })])
            : tools.Contains("vote")
                ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + Guid.NewGuid().ToString("N"), "vote", new Dictionary<string, object?> { ["agent_id"] = "agent1", ["reason"] = "fine" })])
                : new ChatMessage(ChatRole.Assistant, $"{name} says #### {answer}");
        var usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, AdditionalCounts = new() { [TokenUsage.CostNanoUsdKey] = 1_000_000 } };
        return Task.FromResult(new ChatResponse(reply) { Usage = usage });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
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

    [GeneratedRegex(@"Item (\d+):")]
    private static partial Regex ItemNumber();
}
