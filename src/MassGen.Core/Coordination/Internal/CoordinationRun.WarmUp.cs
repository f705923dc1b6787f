using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Work the voting phase will need, done while the first answers are being written.</summary>
internal sealed partial class CoordinationRun
{
    /// <summary>
    /// Builds, off the loop, what the first voting turns use and nothing before them does: the vote tool for the whole
    /// team (exactly the declaration those turns send once every agent has answered, so it lands in the tool cache) and
    /// the parsing of a vote. The first model calls take seconds; this takes milliseconds of otherwise cold code, so the
    /// first hop into voting does not pay for it. Nothing here touches the run's state.
    /// </summary>
    private void WarmUpVotingPhase()
    {
        if (_agents.Length < 2)
        {
            return;
        }

        var labels = _agents.Select(a => a.Label).Order(StringComparer.Ordinal).ToArray();
        _ = Task.Run(
            () =>
            {
                _ = DecisionTools.Vote(labels);
                var vote = new FunctionCallContent("warm-up", DecisionTools.VoteName, new Dictionary<string, object?> { ["agent_id"] = labels[0], ["reason"] = "warm-up" });
                _ = DecisionParser.FromCall(vote, DecisionKind.Vote);
                _ = DecisionParser.FromText($$"""{"action": "vote", "agent_id": "{{labels[0]}}", "reason": "warm-up"}""");
            },
            CancellationToken.None);
    }
}
