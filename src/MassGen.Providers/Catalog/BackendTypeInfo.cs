namespace MassGen.Providers.Catalog;

/// <summary>One backend <c>type</c> of the configuration: how it is reached and what it can do.</summary>
/// <param name="Type">The configuration name (<c>openai</c>, <c>claude</c>, <c>cerebras</c>…).</param>
/// <param name="DisplayName">Name for people (<c>OpenAI</c>, <c>Anthropic</c>…).</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="ApiKeyVariables">Environment variables holding the key, first match wins; empty when none is needed.</param>
/// <param name="DefaultBaseUrl">Base URL used when <c>base_url</c> is not set; <c>null</c> when it must be given.</param>
/// <param name="DefaultModel">Model used when <c>model</c> is not set; <c>null</c> when it must be given.</param>
/// <param name="Capabilities">What the type supports.</param>
public sealed record BackendTypeInfo(
    string Type,
    string DisplayName,
    WireProtocol Protocol,
    IReadOnlyList<string> ApiKeyVariables,
    string? DefaultBaseUrl,
    string? DefaultModel,
    ProviderCapabilities Capabilities)
{
    /// <summary>True for servers on the user's machine (no key; <c>EMPTY</c> is sent where a key is required).</summary>
    public bool IsLocalServer { get; init; }

    /// <summary>True when decisions go through JSON in text rather than function calls.</summary>
    public bool DecisionsAsJsonText { get; init; }

    /// <summary>True when an API key is required to run.</summary>
    public bool RequiresApiKey => ApiKeyVariables.Count > 0 && !IsLocalServer;

    /// <summary>True when the configuration must give <c>base_url</c>.</summary>
    public bool RequiresBaseUrl => DefaultBaseUrl is null && Protocol is WireProtocol.ChatCompletions;

    /// <summary>Whether the type supports <paramref name="capability"/>.</summary>
    public bool Supports(ProviderCapabilities capability) => (Capabilities & capability) == capability;
}
