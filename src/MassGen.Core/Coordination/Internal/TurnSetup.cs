using MassGen.Core.Agents;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Everything a turn needs, prepared by the loop when it starts the turn (a snapshot: turns never read loop state).</summary>
/// <param name="Handle">The turn.</param>
/// <param name="Label">The agent's label.</param>
/// <param name="SystemMessage">System message.</param>
/// <param name="Open">
/// What the turn opens with, built on the turn's own task just before its first model call, from the newest answers
/// then published: per-viewer work stays off the loop, and an answer accepted since the loop started the turn is in it.
/// </param>
/// <param name="Timeout">Time limit of the turn.</param>
/// <param name="Reporter">Where tools report notices.</param>
internal sealed record TurnSetup(
    TurnHandle Handle,
    string Label,
    string SystemMessage,
    Func<TurnOpening> Open,
    TimeSpan Timeout,
    IToolEventReporter Reporter);

/// <summary>The opening of a turn: its user message, the answers it was built on and the decision tools it offers.</summary>
/// <param name="UserMessage">The first user message.</param>
/// <param name="Revision">The revision whose answers the message shows.</param>
/// <param name="Preparation">Passed to the agent environment before the turn.</param>
/// <param name="CanAnswer">Whether <c>new_answer</c> is offered.</param>
/// <param name="VoteLabels">Labels the vote tool accepts (those with answers).</param>
internal sealed record TurnOpening(string UserMessage, int Revision, TurnPreparation Preparation, bool CanAnswer, IReadOnlyList<string> VoteLabels)
{
    public IEnumerable<ChatMessage> Messages(string systemMessage) => [new(ChatRole.System, systemMessage), new(ChatRole.User, UserMessage)];
}
