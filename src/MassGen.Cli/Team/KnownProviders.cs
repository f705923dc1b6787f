namespace MassGen.Cli.Team;

/// <summary>
/// The hosted providers the default team draws from, in the order the team lists them, with the variables that hold
/// their keys and a current general-purpose model for each.
/// </summary>
internal static class KnownProviders
{
    public static IReadOnlyList<HostedProvider> Frontier { get; } =
    [
        new("openai", "OpenAI", ["OPENAI_API_KEY"], "gpt-5-mini"),
        new("claude", "Anthropic", ["ANTHROPIC_API_KEY"], "claude-sonnet-4-5"),
        new("gemini", "Google Gemini", ["GEMINI_API_KEY", "GOOGLE_API_KEY"], "gemini-2.5-flash"),
        new("grok", "xAI", ["XAI_API_KEY"], "grok-4-fast"),
    ];

    /// <summary>
    /// The backend type for a model name when the user gave none: the unambiguous prefixes of the big providers and a
    /// GGUF file path. Null when the name says nothing (then <c>--backend</c> is needed).
    /// </summary>
    public static string? InferBackend(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim().ToLowerInvariant();
        if (name.EndsWith(".gguf", StringComparison.Ordinal))
        {
            return "local";
        }

        if (name.StartsWith("gpt-", StringComparison.Ordinal) || name.StartsWith("o1", StringComparison.Ordinal)
            || name.StartsWith("o3", StringComparison.Ordinal) || name.StartsWith("o4", StringComparison.Ordinal))
        {
            return name.StartsWith("gpt-oss", StringComparison.Ordinal) ? null : "openai";
        }

        if (name.StartsWith("claude-", StringComparison.Ordinal))
        {
            return "claude";
        }

        if (name.StartsWith("gemini-", StringComparison.Ordinal))
        {
            return "gemini";
        }

        return name.StartsWith("grok-", StringComparison.Ordinal) ? "grok" : null;
    }

    /// <summary>True for OpenAI reasoning models, which reject a temperature: variety comes from the reasoning effort instead.</summary>
    public static bool TakesNoTemperature(string backendType, string model) =>
        backendType == "openai" && (model.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) || model.StartsWith('o'));
}

/// <summary>A hosted provider: backend type, display name, key variables (first one set wins), default model.</summary>
internal sealed record HostedProvider(string BackendType, string Name, IReadOnlyList<string> KeyVariables, string DefaultModel);
