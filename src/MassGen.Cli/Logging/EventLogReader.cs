using System.Text;
using System.Text.Json;
using MassGen.Core.Events;

namespace MassGen.Cli.Logging;

/// <summary>
/// Reads a run's <c>events.jsonl</c> back. Every event is written as one line ending in a newline and flushed, so a
/// process killed while writing leaves at most its last line cut short (no newline, partial JSON): that tail is
/// reported and left out, never a crash. A damaged line anywhere else is an error naming the line.
/// </summary>
internal static class EventLogReader
{
    /// <summary>The events of a log, with what was cut off its end.</summary>
    /// <param name="Events">The whole events, oldest first.</param>
    /// <param name="TornTail">The bytes of a last line cut short, if any (decoded, for the warning).</param>
    /// <param name="WholeLength">The length in bytes of the whole lines: appending resumes there.</param>
    public sealed record Contents(IReadOnlyList<CoordinationEvent> Events, string? TornTail, long WholeLength);

    /// <exception cref="InvalidDataException">A line before the last is not an event.</exception>
    public static Contents Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<CoordinationEvent>();
        var start = 0;
        var line = 0;
        while (start < bytes.Length)
        {
            line++;
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                // No newline: the writer was stopped in the middle of this line. Even if the JSON happens to parse,
                // the line was never finished, so it does not count.
                return new Contents(events, Encoding.UTF8.GetString(bytes, start, bytes.Length - start), start);
            }

            var text = bytes.AsSpan(start, end - start);
            if (!text.IsWhiteSpace())
            {
                try
                {
                    events.Add(JsonSerializer.Deserialize<CoordinationEvent>(text, RunLogJson.Compact)
                        ?? throw new JsonException("the line is null"));
                }
                catch (JsonException exception)
                {
                    throw new InvalidDataException($"{path}, line {line}: not an event ({exception.Message}). Only the last line of a log can be cut short; this log is damaged.", exception);
                }
            }

            start = end + 1;
        }

        return new Contents(events, null, bytes.Length);
    }

    private static bool IsWhiteSpace(this Span<byte> text)
    {
        foreach (var b in text)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
