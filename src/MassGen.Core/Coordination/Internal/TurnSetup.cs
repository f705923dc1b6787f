using MassGen.Core.Agents;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Everything a turn needs, prepared by the loop when it starts the turn (a snapshot: turns never read loop state).</summary>
/// <param name="Handle">The turn.</param>
/// <param name="Label">The agent's label.</param>
/// <param name="SystemMessage">System message.</param>
/// <param name="UserMessage">Builds the user message; runs on the turn's own task, so per-viewer work stays off the loop.</param>
/// <param name="Preparation">Passed to the agent environment before the turn.</param>
/// <param name="CanAnswer">Whether <c>new_answer</c> is offered.</param>
/// <param name="VoteLabels">Labels the vote enum lists (those with answers).</param>
/// <param name="Timeout">Time limit of the turn.</param>
/// <param name="Reporter">Where tools report notices.</param>
internal sealed record TurnSetup(
    TurnHandle Handle,
    string Label,
    string SystemMessage,
    Func<string> UserMessage,
    TurnPreparation Preparation,
    bool CanAnswer,
    IReadOnlyList<string> VoteLabels,
    TimeSpan Timeout,
    IToolEventReporter Reporter)
{
    public IEnumerable<ChatMessage> InitialMessages => [new(ChatRole.System, SystemMessage), new(ChatRole.User, UserMessage())];
}
