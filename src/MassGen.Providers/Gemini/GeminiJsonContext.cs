using System.Text.Json;
using System.Text.Json.Serialization;

namespace MassGen.Providers.Gemini;

/// <summary>Source-generated (reflection-free) serialization of the Gemini contracts, in the API's camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
