using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassGen.Core.Events;

namespace MassGen.Server;

/// <summary>The JSON of coordination events on the wire: the run log's shape (snake_case names and enum values).</summary>
internal static class ServerJson
{
    // The discriminator names the events carry in the log, read once from the hierarchy's own attributes.
    private static readonly Dictionary<Type, string> s_typeNames = typeof(CoordinationEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => a.TypeDiscriminator?.ToString() ?? a.DerivedType.Name);

    public static JsonSerializerOptions Events { get; } = Create();

    public static string TypeName(CoordinationEvent coordinationEvent) =>
        s_typeNames.TryGetValue(coordinationEvent.GetType(), out var name) ? name : coordinationEvent.GetType().Name;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
