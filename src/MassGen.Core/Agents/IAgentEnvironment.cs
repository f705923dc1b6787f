using Microsoft.Extensions.AI;

namespace MassGen.Core.Agents;

/// <summary>
/// What an agent works with beyond its chat client: a workspace, a shared read-only view of its peers' work, and tools
/// that need starting (MCP servers). Implemented outside Core (MassGen.Tools); Core calls it at fixed points of a
/// coordination so the rules of COORDINATION.md stay in one place.
/// </summary>
/// <remarks>The owner of the environment disposes it; the orchestrator never does.</remarks>
public interface IAgentEnvironment
{
    /// <summary>
    /// A stable description of the workspace and shared folder for the system message. It must not change between
    /// turns of a coordination (provider prompt caches depend on a byte-identical system message).
    /// </summary>
    string? SystemPromptSection { get; }

    /// <summary>Starts what needs starting (MCP servers) once per run. Failures are reported through <paramref name="reporter"/>, not thrown.</summary>
    ValueTask InitializeAsync(IToolEventReporter reporter, CancellationToken cancellationToken = default);

    /// <summary>Tools available in the coming turn; called before every turn, after <see cref="BeforeTurnAsync"/>.</summary>
    IReadOnlyList<AITool> GetTools();

    /// <summary>Prepares the coming turn: refreshes the shared folder with every peer's latest snapshot under its label.</summary>
    ValueTask BeforeTurnAsync(TurnPreparation preparation, CancellationToken cancellationToken = default);

    /// <summary>Called when this agent's answer was accepted: snapshots its workspace.</summary>
    ValueTask OnAnswerAcceptedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites an answer written by <paramref name="authorId"/> for this agent (the viewer): absolute paths into the
    /// author's workspace become paths into this viewer's shared folder, under the author's label.
    /// </summary>
    string RewriteAnswerForViewer(string answer, string authorId, string authorLabel);

    /// <summary>Replaces this agent's own workspace paths in <paramref name="answer"/> by a neutral marker, so two answers can be compared.</summary>
    string NormalizeAnswer(string answer);
}

/// <summary>What the orchestrator tells an environment before a turn.</summary>
/// <param name="LabelsByAgentId">Every agent's label, by real id.</param>
/// <param name="AgentIdsWithAnswers">Agents whose latest snapshot should be visible.</param>
/// <param name="IsFinalPresentation">True for the winner's presentation turn: <c>write</c> context paths become writable.</param>
public sealed record TurnPreparation(
    IReadOnlyDictionary<string, string> LabelsByAgentId,
    IReadOnlyCollection<string> AgentIdsWithAnswers,
    bool IsFinalPresentation);
