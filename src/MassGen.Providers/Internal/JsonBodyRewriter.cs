using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace MassGen.Providers.Internal;

/// <summary>
/// The cheap way to apply <see cref="ProviderHttpHandler"/>'s body patch and renames: one forward pass over the UTF-8
/// body that copies each top-level value as it is, gives renamed keys their new name, and replaces a patched value or
/// adds the patch key at the end. It exists because nearly every request is patched (a cache key, or the
/// <c>max_tokens</c> rename for compatible servers) and a vote request holds every peer's answer: parsing such bodies
/// into a <see cref="JsonNode"/> and writing them again took a fifth of the processor time of a large run.
/// </summary>
/// <remarks>
/// Whatever this pass cannot do exactly as the <see cref="JsonNode"/> path does gets <see langword="null"/> from
/// <see cref="TryRewrite"/>, and the caller takes that path: a nested merge (a patch object onto a body object, patch
/// <c>tools</c> appended to the body's), a rename onto a key the body has, chained renames, duplicate keys, a body that
/// is not a JSON object, and text the <see cref="JsonNode"/> path rejects or changes (invalid JSON or UTF-8, a byte
/// order mark, an escaped lone surrogate).
/// </remarks>
internal sealed class JsonBodyRewriter
{
    private readonly PatchEntry[] _patch;
    private readonly Dictionary<string, PatchEntry> _patchByName;
    private readonly Dictionary<string, string> _renames;
    private readonly bool _renamesChain;
    private readonly int _extraLength;

    /// <param name="patch">The patch the <see cref="JsonNode"/> path merges; serialised here once, so it must not change afterwards.</param>
    /// <param name="renames">Top-level keys renamed before the patch is merged.</param>
    public JsonBodyRewriter(JsonObject? patch, IReadOnlyDictionary<string, string> renames)
    {
        // Serialised as the JsonNode path writes a merged value (default options), so both send the same text.
        _patch = patch is null
            ? []
            : [.. patch.Select(p => new PatchEntry(p.Key, JsonEncodedText.Encode(p.Key), Encoding.UTF8.GetBytes(p.Value?.ToJsonString() ?? "null"), p.Value?.GetValueKind() ?? JsonValueKind.Null))];
        _patchByName = _patch.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _renames = new Dictionary<string, string>(renames, StringComparer.Ordinal);

        // The JsonNode path renames one key after the other, so a -> b, b -> c depends on the order: left to that path.
        _renamesChain = _renames.Values.Any(_renames.ContainsKey);
        _extraLength = _patch.Sum(p => p.EncodedName.EncodedUtf8Bytes.Length + p.Json.Length + 4) + _renames.Values.Sum(to => to.Length * 6 + 4);
    }

    /// <summary>Whether a body sent with this content type is UTF-8, the only encoding this pass reads.</summary>
    public static bool ReadsCharset(MediaTypeHeaderValue? type) =>
        type?.CharSet is not { } charset || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The patched body as <c>application/json; charset=utf-8</c> (what the <see cref="JsonNode"/> path sends), or
    /// <see langword="null"/> when that path has to do it.
    /// </summary>
    public HttpContent? TryRewrite(ReadOnlySpan<byte> body)
    {
        // The JsonNode path reads the body as a string: invalid UTF-8 would become U+FFFD there, a BOM would be dropped.
        if (_renamesChain || body.StartsWith("\uFEFF"u8) || !Utf8.IsValid(body) || HasLoneSurrogateEscape(body))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(body.Length + _extraLength);
        try
        {
            if (!TryWrite(body, output))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: the JsonNode path reports it as it always has.
            return null;
        }

        _ = MemoryMarshal.TryGetArray(output.WrittenMemory, out var written);
        var content = new ByteArrayContent(written.Array!, written.Offset, written.Count);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private bool TryWrite(ReadOnlySpan<byte> body, ArrayBufferWriter<byte> output)
    {
        // Default reader options are JsonNode.Parse's: depth 64, no comments, no trailing commas.
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        var writtenNames = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (_renames.TryGetValue(name, out var renamed))
            {
                name = renamed;
            }

            // A key twice: a duplicate in the body, or a rename onto a key the body has.
            if (!writtenNames.Add(name))
            {
                return false;
            }

            reader.Read();
            var valueKind = reader.TokenType;
            var start = (int)reader.TokenStartIndex;
            if (valueKind is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            writer.WritePropertyName(name);
            if (_patchByName.TryGetValue(name, out var patched))
            {
                if (Merges(patched, valueKind))
                {
                    return false;
                }

                writer.WriteRawValue(patched.Json, skipInputValidation: true);
            }
            else
            {
                // The reader has checked every token of the value.
                writer.WriteRawValue(body[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }

        // After the closing brace: reading on rejects anything that follows, as JsonNode.Parse does.
        reader.Read();
        foreach (var entry in _patch)
        {
            if (!writtenNames.Contains(entry.Name))
            {
                writer.WritePropertyName(entry.EncodedName);
                writer.WriteRawValue(entry.Json, skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
        return true;
    }

    // Where ProviderHttpHandler.Merge combines the two values instead of replacing the body's.
    private static bool Merges(PatchEntry patched, JsonTokenType bodyValue) =>
        (patched.Kind == JsonValueKind.Object && bodyValue == JsonTokenType.StartObject)
        || (patched.Name == "tools" && patched.Kind == JsonValueKind.Array && bodyValue == JsonTokenType.StartArray);

    /// <summary>
    /// Whether an escape in the body stands for half a surrogate pair (<c>"\ud800"</c>): the JsonNode path throws on it
    /// when it writes the body, where a raw copy would send it on.
    /// </summary>
    private static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (json[offset..].IndexOf("\\u"u8) is var found and >= 0)
        {
            var at = offset + found;
            offset = at + 2;
            if (IsEscapedBackslash(json, at) || !TryReadCodeUnit(json, at + 2, out var unit))
            {
                continue;
            }

            if (char.IsLowSurrogate(unit))
            {
                return true;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (at + 12 > json.Length || !json[(at + 6)..].StartsWith("\\u"u8) || !TryReadCodeUnit(json, at + 8, out var low) || !char.IsLowSurrogate(low))
                {
                    return true;
                }

                offset = at + 12;
            }
        }

        return false;
    }

    // A backslash after an odd number of backslashes is the second half of an escaped backslash, not an escape.
    private static bool IsEscapedBackslash(ReadOnlySpan<byte> json, int at)
    {
        var preceding = 0;
        while (at - preceding - 1 >= 0 && json[at - preceding - 1] == (byte)'\\')
        {
            preceding++;
        }

        return preceding % 2 == 1;
    }

    private static bool TryReadCodeUnit(ReadOnlySpan<byte> json, int at, out char unit)
    {
        unit = default;
        if (at + 4 > json.Length || !ushort.TryParse(json.Slice(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }

    private sealed record PatchEntry(string Name, JsonEncodedText EncodedName, byte[] Json, JsonValueKind Kind);
}
