using System.Text.Encodings.Web;
using System.Text.Json;

namespace MassGen.Cli.Recording;

/// <summary>The JSON of a recording: one compact object per line, text kept readable.</summary>
internal static class RecordingJson
{
    public const int Version = 1;

    public static JsonSerializerOptions Options { get; } = new(Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
