using Microsoft.Extensions.AI;

namespace MassGen.Core.Agents;

/// <summary>
/// One configured participant of a coordination: a chat client (a provider model), a persona and its tools.
/// </summary>
/// <param name="Id">The agent's real id from the configuration. It appears in logs, never in anything a model sees.</param>
/// <param name="ChatClient">The model. Every provider is reached through <see cref="IChatClient"/>.</param>
public sealed record AgentDefinition(string Id, IChatClient ChatClient)
{
    /// <summary>The agent's persona, placed first in its system message. Optional.</summary>
    public string? SystemMessage { get; init; }

    /// <summary>A short description of the model for displays and logs (e.g. <c>openai/gpt-5-mini</c>).</summary>
    public string? ModelDescription { get; init; }

    /// <summary>Ordinary tools (function tools, hosted tools) offered in every turn besides the decision tools.</summary>
    public IReadOnlyList<AITool> Tools { get; init; } = [];

    /// <summary>
    /// Options applied to every request of this agent (temperature, max tokens, provider-specific extras).
    /// The orchestrator clones them per request and adds its own tools; it never mutates this instance.
    /// </summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>
    /// When true the agent is asked to state its decision as a JSON object in text instead of calling the decision
    /// tools (for models that cannot call tools reliably). 
    /// </summary>
    public bool DecisionsAsJsonText { get; init; }

    /// <summary>The agent's workspace and tool environment, when it has one (see <see cref="IAgentEnvironment"/>).</summary>
    public IAgentEnvironment? Environment { get; init; }
}
