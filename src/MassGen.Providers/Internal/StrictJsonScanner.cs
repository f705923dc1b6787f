using System.Buffers;

namespace MassGen.Providers.Internal;

/// <summary>
/// Finds where a JSON value ends while checking its syntax, for <see cref="JsonBodyRewriter"/>. Utf8JsonReader goes
/// through a string byte by byte once it holds an escape, and the answers in a vote request are full of escapes (line
/// breaks, quotes, every non-ASCII letter), so reading a 25 KB body was most of the rewrite's time; this scanner jumps
/// from one quote, backslash or control byte to the next.
/// </summary>
/// <remarks>
/// It accepts less than Utf8JsonReader with default options accepts (and so less than JsonNode.Parse): strict RFC 8259
/// syntax, no escaped lone surrogate (which the JsonNode path cannot write again), nesting well below the reader's
/// limit of 64. It does not check UTF-8; the caller does. Every answer it cannot give is <c>-1</c>, never an exception.
/// </remarks>
internal static class StrictJsonScanner
{
    // Below Utf8JsonReader's and the JsonNode writer's default of 64, so a deep body is left to the JsonNode path.
    private const int MaxDepth = 60;

    private static readonly SearchValues<byte> s_stringSpecials = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>The first index at or after <paramref name="at"/> that is not JSON whitespace.</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>The index just after the value that starts at <paramref name="at"/>, or -1.</summary>
    /// <param name="json">The whole body.</param>
    /// <param name="at">Where the value starts (after any whitespace).</param>
    /// <param name="depth">How many arrays and objects hold the value.</param>
    public static int ValueEnd(ReadOnlySpan<byte> json, int at, int depth)
    {
        if (at >= json.Length)
        {
            return -1;
        }

        return json[at] switch
        {
            (byte)'"' => StringEnd(json, at),
            (byte)'{' => depth < MaxDepth ? ObjectEnd(json, at, depth + 1) : -1,
            (byte)'[' => depth < MaxDepth ? ArrayEnd(json, at, depth + 1) : -1,
            (byte)'t' => LiteralEnd(json, at, "true"u8),
            (byte)'f' => LiteralEnd(json, at, "false"u8),
            (byte)'n' => LiteralEnd(json, at, "null"u8),
            _ => NumberEnd(json, at),
        };
    }

    /// <summary>The index just after the string whose opening quote is at <paramref name="at"/>, or -1.</summary>
    public static int StringEnd(ReadOnlySpan<byte> json, int at)
    {
        var i = at + 1;
        while (i < json.Length && json[i..].IndexOfAny(s_stringSpecials) is var found and >= 0)
        {
            i += found;
            if (json[i] == '"')
            {
                return i + 1;
            }

            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                // A control character must be escaped.
                return -1;
            }

            i = json[i + 1] switch
            {
                (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' => i + 2,
                (byte)'u' => UnicodeEscapeEnd(json, i),
                _ => -1,
            };
            if (i < 0)
            {
                return -1;
            }
        }

        return -1;
    }

    private static int ObjectEnd(ReadOnlySpan<byte> json, int at, int depth)
    {
        var i = SkipWhitespace(json, at + 1);
        if (i < json.Length && json[i] == '}')
        {
            return i + 1;
        }

        while (i < json.Length && json[i] == '"')
        {
            i = StringEnd(json, i);
            if (i < 0)
            {
                return -1;
            }

            i = SkipWhitespace(json, i);
            if (i >= json.Length || json[i] != ':')
            {
                return -1;
            }

            i = ValueEnd(json, SkipWhitespace(json, i + 1), depth);
            if (i < 0)
            {
                return -1;
            }

            i = SkipWhitespace(json, i);
            if (i < json.Length && json[i] == '}')
            {
                return i + 1;
            }

            if (i >= json.Length || json[i] != ',')
            {
                return -1;
            }

            i = SkipWhitespace(json, i + 1);
        }

        return -1;
    }

    private static int ArrayEnd(ReadOnlySpan<byte> json, int at, int depth)
    {
        var i = SkipWhitespace(json, at + 1);
        if (i < json.Length && json[i] == ']')
        {
            return i + 1;
        }

        while (true)
        {
            i = ValueEnd(json, i, depth);
            if (i < 0)
            {
                return -1;
            }

            i = SkipWhitespace(json, i);
            if (i < json.Length && json[i] == ']')
            {
                return i + 1;
            }

            if (i >= json.Length || json[i] != ',')
            {
                return -1;
            }

            i = SkipWhitespace(json, i + 1);
        }
    }

    private static int LiteralEnd(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> literal) =>
        json[at..].StartsWith(literal) ? at + literal.Length : -1;

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private static int NumberEnd(ReadOnlySpan<byte> json, int at)
    {
        var i = at;
        if (i < json.Length && json[i] == '-')
        {
            i++;
        }

        if (i < json.Length && json[i] == '0')
        {
            i++;
        }
        else if (i < json.Length && json[i] is >= (byte)'1' and <= (byte)'9')
        {
            i = DigitsEnd(json, i);
        }
        else
        {
            return -1;
        }

        if (i < json.Length && json[i] == '.')
        {
            var fraction = i + 1;
            i = DigitsEnd(json, fraction);
            if (i == fraction)
            {
                return -1;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            var exponent = i + 1 < json.Length && json[i + 1] is (byte)'+' or (byte)'-' ? i + 2 : i + 1;
            i = DigitsEnd(json, exponent);
            if (i == exponent)
            {
                return -1;
            }
        }

        return i;
    }

    private static int DigitsEnd(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is >= (byte)'0' and <= (byte)'9')
        {
            at++;
        }

        return at;
    }

    // \uXXXX at `at`; half a surrogate pair is refused, as the JsonNode path throws on it when it writes the body.
    private static int UnicodeEscapeEnd(ReadOnlySpan<byte> json, int at)
    {
        if (!TryReadCodeUnit(json, at + 2, out var unit) || char.IsLowSurrogate(unit))
        {
            return -1;
        }

        if (!char.IsHighSurrogate(unit))
        {
            return at + 6;
        }

        return json[(at + 6)..].StartsWith("\\u"u8) && TryReadCodeUnit(json, at + 8, out var low) && char.IsLowSurrogate(low) ? at + 12 : -1;
    }

    // Four hex digits by hand, cheaper than the general number parser: a vote request has hundreds of \u escapes.
    private static bool TryReadCodeUnit(ReadOnlySpan<byte> json, int at, out char unit)
    {
        unit = default;
        if (at + 4 > json.Length)
        {
            return false;
        }

        var value = (HexDigit(json[at]) << 12) | (HexDigit(json[at + 1]) << 8) | (HexDigit(json[at + 2]) << 4) | HexDigit(json[at + 3]);
        unit = (char)value;
        return value >= 0;
    }

    // -1 (all bits set, so the combined value is negative) for a byte that is not a hex digit.
    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
