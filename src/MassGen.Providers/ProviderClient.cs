using MassGen.Core.Agents;
using MassGen.Providers.Catalog;
using Microsoft.Extensions.AI;

namespace MassGen.Providers;

/// <summary>
/// One agent's model, ready to use: the <see cref="IChatClient"/> pipeline (provider client → resilience → usage and
/// cost accounting → error translation), the default options, the provider's built-in tools and what the catalog says
/// about the type. Dispose it when the run ends.
/// </summary>
public sealed class ProviderClient : IDisposable
{
    internal ProviderClient(string agentId, BackendTypeInfo backendType, string model, IChatClient chatClient, ChatOptions chatOptions, IReadOnlyList<AITool> tools, ModelPrice? price)
    {
        AgentId = agentId;
        BackendType = backendType;
        Model = model;
        ChatClient = chatClient;
        ChatOptions = chatOptions;
        Tools = tools;
        Price = price;
    }

    /// <summary>The agent this client belongs to (named in every error).</summary>
    public string AgentId { get; }

    /// <summary>The catalog entry of the backend type.</summary>
    public BackendTypeInfo BackendType { get; }

    /// <summary>The model id sent to the provider.</summary>
    public string Model { get; }

    /// <summary>For displays and logs: <c>type/model</c>, for example <c>openai/gpt-5-mini</c>.</summary>
    public string ModelDescription => $"{BackendType.Type}/{(BackendType.Protocol == WireProtocol.LocalGguf ? Path.GetFileName(Model) : Model)}";

    /// <summary>The chat pipeline. Failures surface as <see cref="ProviderException"/>.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>Options for every request (temperature, max tokens, reasoning…), without tools.</summary>
    public ChatOptions ChatOptions { get; }

    /// <summary>Provider built-in tools enabled by the configuration (web search, code execution).</summary>
    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>The price used for cost accounting, or <c>null</c> when unknown (tokens only).</summary>
    public ModelPrice? Price { get; }

    /// <summary>
    /// True when decisions must be asked for as JSON in text: the catalog's flag for this type, or a Gemini model with a
    /// built-in tool on that cannot take function declarations beside it.
    /// </summary>
    public bool DecisionsAsJsonText { get; init; }

    /// <summary>An agent definition using this client, its options and built-in tools.</summary>
    public AgentDefinition ToAgentDefinition(string? systemMessage = null) => new(AgentId, ChatClient)
    {
        SystemMessage = systemMessage,
        ModelDescription = ModelDescription,
        ChatOptions = ChatOptions,
        Tools = Tools,
        DecisionsAsJsonText = DecisionsAsJsonText,
    };

    /// <inheritdoc/>
    public void Dispose() => ChatClient.Dispose();
}
