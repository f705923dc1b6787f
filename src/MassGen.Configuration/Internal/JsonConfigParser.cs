using System.Text;
using System.Text.Json;

namespace MassGen.Configuration.Internal;

/// <summary>
/// Parses JSON into <see cref="ConfigNode"/>s with line numbers (computed from token offsets), so a <c>.json</c>
/// configuration gets the same checks and messages as YAML. Comments and trailing commas are tolerated.
/// </summary>
internal static class JsonConfigParser
{
    public static ConfigNode? Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // Above the limit checked below, so the message is ours and names the line.
            MaxDepth = ConfigLimits.MaxDepth + 2,
        });
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            var nodes = 0;
            var root = ReadValue(ref reader, lineStarts, depth: 0, ref nodes);
            if (reader.Read())
            {
                throw new ConfigSyntaxException(LineOf(lineStarts, reader.TokenStartIndex), "unexpected content after the end of the JSON document");
            }

            return root;
        }
        catch (JsonException ex)
        {
            throw new ConfigSyntaxException(checked((int)(ex.LineNumber ?? 0) + 1), $"not valid JSON: {FirstSentence(ex.Message)}");
        }
    }

    // A \u escape of a lone surrogate is valid JSON syntax but no .NET text; GetString throws, so say which line.
    private static string Text(ref Utf8JsonReader reader, int[] lineStarts)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new ConfigSyntaxException(LineOf(lineStarts, reader.TokenStartIndex),
                "a string holds a lone surrogate escape (such as \\ud800) that is not valid text; fix or remove it");
        }
    }

    private static ConfigNode ReadValue(ref Utf8JsonReader reader, int[] lineStarts, int depth, ref int nodes)
    {
        var line = LineOf(lineStarts, reader.TokenStartIndex);
        if (++nodes > ConfigLimits.MaxNodes)
        {
            throw new ConfigSyntaxException(line, YamlShapeCheck.TooManyNodes);
        }

        if (depth >= ConfigLimits.MaxDepth && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            throw new ConfigSyntaxException(line, YamlShapeCheck.TooDeep);
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var entries = new List<ConfigEntry>();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = Text(ref reader, lineStarts);
                        var keyLine = LineOf(lineStarts, reader.TokenStartIndex);
                        if (entries.Exists(e => e.Key == key))
                        {
                            throw new ConfigSyntaxException(keyLine, $"duplicate key '{key}'");
                        }

                        reader.Read();
                        entries.Add(new ConfigEntry(key, keyLine, ReadValue(ref reader, lineStarts, depth + 1, ref nodes)));
                    }

                    return new ConfigMapping(line, entries);
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<ConfigNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, lineStarts, depth + 1, ref nodes));
                    }

                    return new ConfigSequence(line, items);
                }

            case JsonTokenType.String:
                return new ConfigScalar(line, Text(ref reader, lineStarts), ScalarKind.String, plain: false);
            case JsonTokenType.Number:
                {
                    var text = Encoding.UTF8.GetString(reader.ValueSpan);
                    var kind = reader.TryGetInt64(out _) ? ScalarKind.Integer : ScalarKind.Float;
                    return new ConfigScalar(line, text, kind, plain: false);
                }

            case JsonTokenType.True:
                return new ConfigScalar(line, "true", ScalarKind.Bool, plain: false);
            case JsonTokenType.False:
                return new ConfigScalar(line, "false", ScalarKind.Bool, plain: false);
            case JsonTokenType.Null:
                return new ConfigScalar(line, null, ScalarKind.Null, plain: false);
            default:
                throw new ConfigSyntaxException(line, $"unexpected JSON token {reader.TokenType}");
        }
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, long offset)
    {
        var index = Array.BinarySearch(lineStarts, checked((int)offset));
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own position ("LineNumber: 0 | BytePositionInLine: 43.", "Path: $"); the report
        // already shows the line.
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var end = message.IndexOf(marker, StringComparison.Ordinal);
            if (end > 0)
            {
                message = message[..end];
            }
        }

        return message.TrimEnd();
    }
}
