using System.Text.Json;
using System.Text.Json.Nodes;

namespace MassGen.Cli.Recording;

/// <summary>
/// A recording read back: the header (question, configuration, agents), the run's seed and the calls in the order they
/// ended. A torn last line (the process was killed while writing it) is skipped and reported; any other unreadable
/// line is an error naming it.
/// </summary>
internal sealed class RunRecording
{
    public required JsonObject Header { get; init; }

    public int? Seed { get; init; }

    public required IReadOnlyList<RecordedCall> Calls { get; init; }

    /// <summary>True when the last line was cut short and skipped.</summary>
    public bool TornTail { get; init; }

    /// <summary>The length in bytes of the whole lines (everything but a torn last line).</summary>
    public long WholeLength { get; init; }

    public string Question => Header["question"]?.GetValue<string>() ?? "";

    /// <summary>Reads a recording.</summary>
    /// <exception cref="InvalidDataException">The file is not a recording or a line other than the last is damaged.</exception>
    public static RunRecording Load(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        long wholeLength = 0;
        JsonObject? header = null;
        int? seed = null;
        var calls = new List<RecordedCall>();
        var torn = false;
        for (var i = 0; i < lines.Length; i++)
        {
            wholeLength += System.Text.Encoding.UTF8.GetByteCount(lines[i]) + (i < lines.Length - 1 ? 1 : 0);
            if (lines[i].Length == 0)
            {
                continue;
            }

            var last = i == lines.Length - 1;
            JsonObject line;
            try
            {
                line = JsonNode.Parse(lines[i])?.AsObject() ?? throw new JsonException("not an object");
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // A line without its newline is the one a kill interrupted; anywhere else the file is damaged.
                if (last)
                {
                    torn = true;
                    wholeLength -= System.Text.Encoding.UTF8.GetByteCount(lines[i]);
                    continue;
                }

                throw new InvalidDataException($"{path}, line {i + 1}: not a recording line ({exception.Message}).");
            }

            switch (line["kind"]?.GetValue<string>())
            {
                case "header":
                    header = line;
                    break;
                case "seed":
                    seed = line["seed"]?.GetValue<int>();
                    break;
                case "call":
                    calls.Add(Call(line, i + 1));
                    break;
            }
        }

        if (header is null)
        {
            throw new InvalidDataException($"{path} is not a massgen recording (no header line); record one with massgen --record FILE.");
        }

        if (header["version"]?.GetValue<int>() is not RecordingJson.Version)
        {
            throw new InvalidDataException($"{path} is a recording of version {header["version"]}; this massgen reads version {RecordingJson.Version}.");
        }

        return new RunRecording { Header = header, Seed = seed, Calls = calls, TornTail = torn, WholeLength = wholeLength };
    }

    private static RecordedCall Call(JsonObject line, int number) => new()
    {
        AgentId = line["agent"]!.GetValue<string>(),
        Number = line["call"]!.GetValue<int>(),
        Hash = line["hash"]!.GetValue<string>(),
        Request = line["request"]!.AsObject(),
        Streaming = line["streaming"]?.GetValue<bool>() ?? true,
        Items = [.. line["items"]!.AsArray().Select(n => Item(n!.AsObject()))],
        End = Item(line["end"]!.AsObject()),
        Outcome = line["outcome"]!.GetValue<string>(),
        ErrorMessage = line["error"]?["message"]?.GetValue<string>(),
        ErrorPermanent = line["error"]?["permanent"]?.GetValue<bool>() ?? false,
        Line = number,
    };

    private static RecordedItem Item(JsonObject item) =>
        new(item["o"]!.GetValue<long>(), item["e"]!.GetValue<long>(), item["t_ms"]!.GetValue<double>(), item["update"]);
}
