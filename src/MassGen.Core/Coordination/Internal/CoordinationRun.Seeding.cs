namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// A run that is one group of a larger topology (<see cref="Topology.TopologyRun"/>): it may start from candidate
/// answers its agents won earlier, and it may share the whole team's budget.
/// </summary>
internal sealed partial class CoordinationRun
{
    /// <summary>Accepts the starting answers as the agents' first answers, in registration order, before any turn.</summary>
    private async Task SeedAnswersAsync()
    {
        if (_start is null)
        {
            return;
        }

        foreach (var agent in _agents)
        {
            if (_start.InitialAnswers.TryGetValue(agent.Id, out var content))
            {
                await AcceptAnswerAsync(agent, content, Normalize(agent, content)).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>How a group run starts: candidate answers by agent id, and the team's budget gate when it is shared.</summary>
internal sealed record RunStart(IReadOnlyDictionary<string, string> InitialAnswers, BudgetGate? SharedBudget);
