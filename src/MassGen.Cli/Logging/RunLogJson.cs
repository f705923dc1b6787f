using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MassGen.Cli.Logging;

/// <summary>The JSON shape of everything the command writes: snake_case names and enum values, readable text.</summary>
internal static class RunLogJson
{
    /// <summary>One event or record per line (events.jsonl).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Files people read (result.json, status.json, session.json).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = indented,
            // Answers are full of quotes, accents and code; escaping them all would make the files unreadable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
