using System.Text.Json.Nodes;

namespace MassGen.Testing.Providers;

/// <summary>One request the fake server received, exactly as sent.</summary>
/// <param name="Protocol">The protocol chosen by the path.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path (for example <c>/v1/chat/completions</c>).</param>
/// <param name="Headers">Every header, names lower-case, several values joined with <c>", "</c>.</param>
/// <param name="RawBody">The body as text.</param>
public sealed record RecordedRequest(
    FakeWireProtocol Protocol,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string RawBody)
{
    /// <summary>The body parsed as JSON, or <c>null</c> when it is empty or not JSON.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>The <c>model</c> field of the body (for Gemini: the model named in the path), when there is one.</summary>
    public string? Model => Protocol == FakeWireProtocol.Gemini ? GeminiModel
        : Body?["model"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["model"]!.GetValue<string>() : null;

    /// <summary>Whether the request asked for a streamed answer (<c>"stream": true</c>; for Gemini <c>:streamGenerateContent</c>).</summary>
    public bool IsStreaming => Protocol == FakeWireProtocol.Gemini
        ? Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal)
        : Body?["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>The query string (for example <c>?alt=sse</c>), empty when none.</summary>
    public string Query { get; init; } = "";

    // ".../models/gemini-2.5-flash:streamGenerateContent" -> "gemini-2.5-flash".
    private string? GeminiModel
    {
        get
        {
            var start = Path.LastIndexOf("/models/", StringComparison.Ordinal);
            var colon = Path.LastIndexOf(':');
            return start < 0 || colon < start ? null : Uri.UnescapeDataString(Path[(start + "/models/".Length)..colon]);
        }
    }

    /// <summary>The value of header <paramref name="name"/> (case-insensitive), or <c>null</c>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
