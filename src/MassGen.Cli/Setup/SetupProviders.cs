using MassGen.Cli.Team;
using MassGen.Providers.Catalog;
using MassGen.Providers.Pricing;

namespace MassGen.Cli.Setup;

/// <summary>The hosted providers <c>massgen init</c> offers: every catalog type with a key variable and a default model.</summary>
internal static class SetupProviders
{
    /// <summary>The isolation modes the configuration accepts for commands (CONFIG.md, <c>command_line_execution_mode</c>).</summary>
    public static IReadOnlyList<string> IsolationModes { get; } = ["local"];

    /// <summary>The isolation mode used when none is chosen.</summary>
    public static string DefaultIsolation => IsolationModes[0];

    public static IReadOnlyList<SetupProvider> All { get; } =
    [
        .. ProviderCatalog.All
            .Where(t => t.RequiresApiKey && t.DefaultModel is not null && t.Protocol != WireProtocol.ClaudeCodeCli)
            .Select(t => new SetupProvider(t.Type, t.DisplayName, t.ApiKeyVariables, t.DefaultModel!, t.Supports(ProviderCapabilities.WebSearch))),
    ];

    /// <summary>The provider of backend type <paramref name="type"/>, or null.</summary>
    public static SetupProvider? Find(string type) =>
        All.FirstOrDefault(p => string.Equals(p.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Models worth suggesting for a provider: its default first, then the priced models of that type.</summary>
    public static IReadOnlyList<string> KnownModels(SetupProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return [provider.DefaultModel, .. PriceTable.Entries.Keys
            .Where(m => string.Equals(KnownProviders.InferBackend(m), provider.Type, StringComparison.Ordinal) && m != provider.DefaultModel)
            .Order(StringComparer.Ordinal)];
    }
}

/// <summary>A provider <c>massgen init</c> can set up.</summary>
/// <param name="Type">The backend type.</param>
/// <param name="Name">The name for people.</param>
/// <param name="KeyVariables">The variables that hold its key (the first is where a stored key goes).</param>
/// <param name="DefaultModel">The model used when none is chosen.</param>
/// <param name="HasWebSearch">Whether it has a provider-run web search.</param>
internal sealed record SetupProvider(string Type, string Name, IReadOnlyList<string> KeyVariables, string DefaultModel, bool HasWebSearch);
