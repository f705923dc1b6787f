using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Evaluation.Eval;

/// <summary>The model calls of the arms: one member answering alone, and one full team coordination.</summary>
internal sealed class ArmCalls
{
    private readonly EvalTeam _team;
    private readonly TimeProvider _time;

    public ArmCalls(EvalTeam team, TimeProvider time)
    {
        _team = team;
        _time = time;
    }

    /// <summary>One answer of <paramref name="agent"/> to <paramref name="prompt"/>: its persona, its options, the given seed.</summary>
    public static async Task<(string Response, TokenUsage Usage)> AskAsync(AgentDefinition agent, string prompt, long seed, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [];
        if (!string.IsNullOrWhiteSpace(agent.SystemMessage))
        {
            messages.Add(new ChatMessage(ChatRole.System, agent.SystemMessage));
        }

        messages.Add(new ChatMessage(ChatRole.User, prompt));
        var options = agent.ChatOptions?.Clone() ?? new ChatOptions();
        options.Seed = seed;
        var response = await agent.ChatClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return (response.Text, TokenUsage.From(response.Usage));
    }

    /// <summary>The team's coordination on <paramref name="prompt"/> with the given seed.</summary>
    public async Task<CoordinationResult> CoordinateAsync(string prompt, int seed, CancellationToken cancellationToken)
    {
        var orchestrator = new Orchestrator(_team.Agents, _team.Options with { Seed = seed }, _time);
        return await orchestrator.RunToResultAsync(new CoordinationRequest(prompt), cancellationToken).ConfigureAwait(false);
    }
}
