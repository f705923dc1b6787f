using System.Buffers;
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
        // The JsonNode path reads the body as a string: invalid UTF-8 would become U+FFFD there, a BOM would be dropped
        // (the scanner refuses a BOM as it refuses any text before the opening brace).
        if (_renamesChain || !Utf8.IsValid(body))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(body.Length + _extraLength);
        if (!TryWrite(body, output))
        {
            return null;
        }

        _ = MemoryMarshal.TryGetArray(output.WrittenMemory, out var written);
        var content = new ByteArrayContent(written.Array!, written.Offset, written.Count);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private bool TryWrite(ReadOnlySpan<byte> body, ArrayBufferWriter<byte> output)
    {
        var i = StrictJsonScanner.SkipWhitespace(body, 0);
        if (i >= body.Length || body[i] != '{')
        {
            return false;
        }

        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        var writtenNames = new HashSet<string>(StringComparer.Ordinal);
        i = StrictJsonScanner.SkipWhitespace(body, i + 1);
        var closed = i < body.Length && body[i] == '}';
        while (!closed)
        {
            var nameEnd = i < body.Length && body[i] == '"' ? StrictJsonScanner.StringEnd(body, i) : -1;
            if (nameEnd < 0)
            {
                return false;
            }

            var name = Name(body[i..nameEnd]);
            if (_renames.TryGetValue(name, out var renamed))
            {
                name = renamed;
            }

            // A key twice: a duplicate in the body, or a rename onto a key the body has.
            if (!writtenNames.Add(name))
            {
                return false;
            }

            i = StrictJsonScanner.SkipWhitespace(body, nameEnd);
            var valueStart = i < body.Length && body[i] == ':' ? StrictJsonScanner.SkipWhitespace(body, i + 1) : -1;
            var valueEnd = valueStart < 0 ? -1 : StrictJsonScanner.ValueEnd(body, valueStart, depth: 1);
            if (valueEnd < 0)
            {
                return false;
            }

            writer.WritePropertyName(name);
            if (_patchByName.TryGetValue(name, out var patched))
            {
                if (Merges(patched, body[valueStart]))
                {
                    return false;
                }

                writer.WriteRawValue(patched.Json, skipInputValidation: true);
            }
            else
            {
                // The scanner has checked the value.
                writer.WriteRawValue(body[valueStart..valueEnd], skipInputValidation: true);
            }

            i = StrictJsonScanner.SkipWhitespace(body, valueEnd);
            closed = i < body.Length && body[i] == '}';
            if (!closed)
            {
                if (i >= body.Length || body[i] != ',')
                {
                    return false;
                }

                i = StrictJsonScanner.SkipWhitespace(body, i + 1);
            }
        }

        // Only whitespace may follow the closing brace, as for JsonNode.Parse.
        if (StrictJsonScanner.SkipWhitespace(body, i + 1) != body.Length)
        {
            return false;
        }

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

    // A key as the JsonNode path sees it: unescaped. Keys without escapes (nearly all) need no reader.
    private static string Name(ReadOnlySpan<byte> quoted)
    {
        var text = quoted[1..^1];
        if (!text.Contains((byte)'\\'))
        {
            return Encoding.UTF8.GetString(text);
        }

        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    // Where ProviderHttpHandler.Merge combines the two values instead of replacing the body's.
    private static bool Merges(PatchEntry patched, byte bodyValueStart) =>
        (patched.Kind == JsonValueKind.Object && bodyValueStart == '{')
        || (patched.Name == "tools" && patched.Kind == JsonValueKind.Array && bodyValueStart == '[');

    private sealed record PatchEntry(string Name, JsonEncodedText EncodedName, byte[] Json, JsonValueKind Kind);
}
