using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// The decision tools (COORDINATION.md §3 and §9). They are declarations only: no backend can execute them, so a
/// turn ends when the model calls one and the orchestrator interprets the call.
/// </summary>
internal static class DecisionTools
{
    public const string NewAnswerName = "new_answer";
    public const string VoteName = "vote";
    public const string SubmitName = "submit";
    public const string RestartName = "restart_orchestration";

    public static AIFunctionDeclaration NewAnswer { get; } = Declare(
        NewAnswerName,
        "Submit a new or improved answer to the task. It must be complete on its own.",
        """{"type":"object","properties":{"content":{"type":"string","description":"Your complete answer."}},"required":["content"],"additionalProperties":false}""");

    public static AIFunctionDeclaration Submit { get; } = Declare(
        SubmitName,
        "Accept the final answer as it is.",
        """{"type":"object","properties":{},"additionalProperties":false}""");

    public static AIFunctionDeclaration RestartOrchestration { get; } = Declare(
        RestartName,
        "Send the final answer back: the team works on the task again with your reason and instructions.",
        """{"type":"object","properties":{"reason":{"type":"string","description":"What is wrong with the final answer."},"instructions":{"type":"string","description":"What the next attempt must do differently."}},"required":["reason","instructions"],"additionalProperties":false}""");

    public static bool IsCoordinationDecision(string name) => name is NewAnswerName or VoteName;

    // Every turn on the same answer set offers the same vote tool; building its schema per model call is waste.
    private static readonly ConcurrentDictionary<string, AIFunctionDeclaration> s_voteTools = new(StringComparer.Ordinal);

    /// <summary>The vote tool whose <c>agent_id</c> enum lists exactly <paramref name="labels"/>: those with answers.</summary>
    public static AIFunctionDeclaration Vote(IReadOnlyList<string> labels)
    {
        var key = string.Join(',', labels);
        if (s_voteTools.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (s_voteTools.Count > 1024)
        {
            s_voteTools.Clear();
        }

        return s_voteTools.GetOrAdd(key, _ => BuildVote(labels));
    }

    private static AIFunctionDeclaration BuildVote(IReadOnlyList<string> labels)
    {
        var schema = new Dictionary<string, object>
        {
            ["type"] = "object",
            ["properties"] = new Dictionary<string, object>
            {
                ["agent_id"] = new Dictionary<string, object> { ["type"] = "string", ["enum"] = labels, ["description"] = "Label of the best answer's author." },
                ["reason"] = new Dictionary<string, object> { ["type"] = "string", ["description"] = "Why this answer is the best." },
            },
            ["required"] = new[] { "agent_id", "reason" },
            ["additionalProperties"] = false,
        };
        return AIFunctionFactory.CreateDeclaration(
            VoteName,
            "Vote for the best current answer; its author will present the final answer.",
            JsonSerializer.SerializeToElement(schema, DecisionJson.Options));
    }

    /// <summary>The decision tools of a coordination turn.</summary>
    public static IEnumerable<AITool> ForTurn(bool canAnswer, IReadOnlyList<string> voteLabels)
    {
        if (canAnswer)
        {
            yield return NewAnswer;
        }

        if (voteLabels.Count > 0)
        {
            yield return Vote(voteLabels);
        }
    }

    private static AIFunctionDeclaration Declare(string name, string description, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonElement.Parse(schema));
}
