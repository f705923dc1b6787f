using System.Text.Json;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Serializer settings for what the orchestrator builds or reads as JSON.</summary>
internal static class DecisionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
