using System.Collections.Concurrent;
using System.Text.Json;
using MassGen.Core.Prompts;
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
        ToolPrompts.NewAnswerDescription,
        $$$"""{"type":"object","properties":{"content":{"type":"string","description":"{{{ToolPrompts.NewAnswerContentDescription}}}"}},"required":["content"],"additionalProperties":false}""");

    public static AIFunctionDeclaration Submit { get; } = Declare(
        SubmitName,
        ToolPrompts.SubmitDescription,
        """{"type":"object","properties":{},"additionalProperties":false}""");

    public static AIFunctionDeclaration RestartOrchestration { get; } = Declare(
        RestartName,
        ToolPrompts.RestartDescription,
        $$$"""{"type":"object","properties":{"reason":{"type":"string","description":"{{{ToolPrompts.RestartReasonDescription}}}"},"instructions":{"type":"string","description":"{{{ToolPrompts.RestartInstructionsDescription}}}"}},"required":["reason","instructions"],"additionalProperties":false}""");

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
                ["agent_id"] = new Dictionary<string, object> { ["type"] = "string", ["enum"] = labels, ["description"] = ToolPrompts.VoteAgentIdDescription },
                ["reason"] = new Dictionary<string, object> { ["type"] = "string", ["description"] = ToolPrompts.VoteReasonDescription },
            },
            ["required"] = new[] { "agent_id", "reason" },
            ["additionalProperties"] = false,
        };
        return AIFunctionFactory.CreateDeclaration(
            VoteName,
            ToolPrompts.VoteDescription,
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
