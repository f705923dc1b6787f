using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MassGen.Cli.Logging;

/// <summary>The JSON shape of everything the command writes: snake_case names and enum values, readable text.</summary>
internal static class RunLogJson
{
    // Generated metadata for the types the run log writes (no reflection on a run's first event); reflection for any
    // other type serialised with these options. Declared first: the options below are built with it.
    private static readonly IJsonTypeInfoResolver s_resolver = JsonTypeInfoResolver.Combine(RunLogJsonContext.Default, new DefaultJsonTypeInfoResolver());

    /// <summary>One event or record per line (events.jsonl).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false, s_resolver);

    /// <summary>Files people read (result.json, status.json, session.json).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true, s_resolver);

    /// <summary>The run log's options with metadata from <paramref name="resolver"/> (a test compares resolvers).</summary>
    internal static JsonSerializerOptions Create(bool indented, IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = indented,
            // Answers are full of quotes, accents and code; escaping them all would make the files unreadable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
