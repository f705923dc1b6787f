using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Evaluation.Eval;

/// <summary>
/// The model calls of the arms: one member answering alone, and one full team coordination. Made here, or, with a
/// <see cref="EvalCallSender"/>, sent as <see cref="EvalCall"/>s to where they run (a node of a cluster, which makes
/// them with its own copy of the team through <see cref="EvalCallHost"/>): the arms do the same either way.
/// </summary>
internal sealed class ArmCalls
{
    private readonly EvalTeam _team;
    private readonly TimeProvider _time;
    private readonly EvalCallSender? _remote;
    private readonly Lazy<string> _configSha256;

    public ArmCalls(EvalTeam team, TimeProvider time, EvalCallSender? remote = null)
    {
        _team = team;
        _time = time;
        _remote = remote;
        _configSha256 = new Lazy<string>(team.ConfigSha256);
    }

    /// <summary>One answer of <paramref name="agent"/> to <paramref name="prompt"/>: its persona, its options, the given seed.</summary>
    public async Task<(string Response, TokenUsage Usage)> AskAsync(AgentDefinition agent, string prompt, long seed, CancellationToken cancellationToken)
    {
        if (_remote is not null)
        {
            var outcome = await SendAsync(new EvalCall(EvalCall.AskKind, agent.Id, prompt, seed, _configSha256.Value), cancellationToken).ConfigureAwait(false);
            return (outcome.Response ?? "", outcome.Usage ?? TokenUsage.Zero);
        }

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
    public async Task<TeamOutcome> CoordinateAsync(string prompt, int seed, CancellationToken cancellationToken)
    {
        if (_remote is not null)
        {
            var outcome = await SendAsync(new EvalCall(EvalCall.TeamKind, null, prompt, seed, _configSha256.Value), cancellationToken).ConfigureAwait(false);
            return outcome.Team ?? throw new InvalidOperationException("The node's answer to a team call carried no team outcome.");
        }

        var orchestrator = new Orchestrator(_team.Agents, _team.Options with { Seed = seed }, _time);
        return TeamOutcome.From(await orchestrator.RunToResultAsync(new CoordinationRequest(prompt), cancellationToken).ConfigureAwait(false));
    }

    private async Task<EvalCallOutcome> SendAsync(EvalCall call, CancellationToken cancellationToken)
    {
        var outcome = EvalCallOutcome.Read(await _remote!(call.ToJson(), cancellationToken).ConfigureAwait(false));
        return outcome.Error is { } error ? throw new EvalCallFailedException(outcome.ErrorType ?? nameof(Exception), error) : outcome;
    }
}
