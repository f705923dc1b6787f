using MassGen.Providers.Catalog;

namespace MassGen.Cli.Team;

/// <summary>
/// The hosted providers the default team draws from, in the order the team lists them, with the variables that hold
/// their keys and their default models (all from the provider catalog).
/// </summary>
internal static class KnownProviders
{
    private static readonly string[] s_frontierTypes = ["openai", "claude", "gemini", "grok"];

    public static IReadOnlyList<HostedProvider> Frontier { get; } =
    [
        .. s_frontierTypes
            .Select(ProviderCatalog.Find)
            .OfType<BackendTypeInfo>()
            .Select(t => new HostedProvider(t.Type, t.DisplayName, t.ApiKeyVariables, t.DefaultModel ?? throw new InvalidOperationException($"The catalog has no default model for {t.Type}."))),
    ];

    /// <summary>The backend type for a model name when the user gave none; null when the name says nothing (then <c>--backend</c> is needed).</summary>
    public static string? InferBackend(string model) => ProviderCatalog.InferType(model);

    /// <summary>True for OpenAI reasoning models, which reject a temperature: variety comes from the reasoning effort instead.</summary>
    public static bool TakesNoTemperature(string backendType, string model) =>
        backendType == "openai" && (model.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) || model.StartsWith('o'));
}

/// <summary>A hosted provider: backend type, display name, key variables (first one set wins), default model.</summary>
internal sealed record HostedProvider(string BackendType, string Name, IReadOnlyList<string> KeyVariables, string DefaultModel);
