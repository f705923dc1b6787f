using System.Text;

namespace MassGen.Cli.Tests.Telemetry;

/// <summary>One exported span: ids, name, attributes (values as text) and the resource's service name.</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, string ServiceName, IReadOnlyDictionary<string, string> Attributes, int StatusCode);

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> from protobuf by its field numbers (opentelemetry-proto:
/// trace/v1/trace.proto, common/v1/common.proto): resource_spans(1) → resource(1), scope_spans(2) → scope(1),
/// spans(2) → trace_id(1), span_id(2), parent_span_id(4), name(5), attributes(9), status(15).
/// </summary>
internal static class OtlpTraceReader
{
    public static IReadOnlyList<OtlpSpan> Read(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var scopes = new List<byte[]>();
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1)
                {
                    var resource = Attributes(Fields(value).Where(p => p.Field == 1).Select(p => p.Value));
                    service = resource.GetValueOrDefault("service.name", "");
                }
                else if (f == 2)
                {
                    scopes.Add(value);
                }
            }

            foreach (var scopeSpans in scopes)
            {
                var scopeName = "";
                foreach (var (f, value) in Fields(scopeSpans))
                {
                    if (f == 1)
                    {
                        scopeName = Fields(value).Where(p => p.Field == 1).Select(p => Encoding.UTF8.GetString(p.Value)).FirstOrDefault() ?? "";
                    }
                    else if (f == 2)
                    {
                        spans.Add(Span(value, scopeName, service));
                    }
                }
            }
        }

        return spans;
    }

    private static OtlpSpan Span(byte[] span, string scope, string service)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new List<byte[]>();
        var status = 0;
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexString(value); break;
                case 2: spanId = Convert.ToHexString(value); break;
                case 4: parent = Convert.ToHexString(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 9: attributes.Add(value); break;
                case 15: status = (int)(Fields(value).Where(p => p.Field == 3).Select(p => (long?)Varint(p.Value)).FirstOrDefault() ?? 0); break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, scope, service, Attributes(attributes), status);
    }

    private static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            string? key = null;
            var text = "";
            foreach (var (field, value) in Fields(keyValue))
            {
                if (field == 1)
                {
                    key = Encoding.UTF8.GetString(value);
                }
                else if (field == 2)
                {
                    text = AnyValue(value);
                }
            }

            if (key is not null)
            {
                result[key] = text;
            }
        }

        return result;
    }

    private static string AnyValue(byte[] anyValue)
    {
        foreach (var (field, value) in Fields(anyValue))
        {
            return field switch
            {
                1 => Encoding.UTF8.GetString(value),
                2 => Varint(value) != 0 ? "true" : "false",
                3 => Varint(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble(BitConverter.ToInt64(value)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "(complex)",
            };
        }

        return "";
    }

    /// <summary>The fields of a message: varints and fixed values as their bytes (varints re-encoded), the rest as is.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    var start = position;
                    ReadVarint(message, ref position);
                    yield return (field, message[start..position]);
                    break;
                case 1:
                    yield return (field, message[position..(position + 8)]);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return (field, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    yield return (field, message[position..(position + 4)]);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7} for field {field}.");
            }
        }
    }

    private static long Varint(byte[] bytes)
    {
        var position = 0;
        return (long)ReadVarint(bytes, ref position);
    }

    private static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }
}
