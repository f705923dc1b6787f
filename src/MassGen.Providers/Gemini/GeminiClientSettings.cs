using System.Text.Json;

namespace MassGen.Providers.Gemini;

/// <summary>What the provider factory resolved for one Gemini agent.</summary>
/// <param name="Model">Model id (without the <c>models/</c> prefix).</param>
/// <param name="BaseUrl">API root including the version, for example <c>https://generativelanguage.googleapis.com/v1beta</c>.</param>
/// <param name="ApiKey">Sent in the <c>x-goog-api-key</c> header.</param>
internal sealed record GeminiClientSettings(string Model, Uri BaseUrl, string? ApiKey)
{
    /// <summary><c>generationConfig.thinkingConfig</c>, or <c>null</c> to send none.</summary>
    public GeminiThinkingConfig? Thinking { get; init; }

    /// <summary>Pass-through fields of the request body, in the API's names.</summary>
    public IReadOnlyDictionary<string, JsonElement> RequestFields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Pass-through fields of <c>generationConfig</c>, in the API's names.</summary>
    public IReadOnlyDictionary<string, JsonElement> GenerationFields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// Whether the model takes built-in tools and function declarations in one request (Gemini 3, with
    /// <c>toolConfig.includeServerSideToolInvocations</c>). Gemini 2.x answers 400 "Tool use with function calling is
    /// unsupported" instead.
    /// </summary>
    public bool CombinesBuiltInAndFunctionTools => GeminiModels.CombinesBuiltInAndFunctionTools(Model);
}
