using System.Text;
using System.Text.Json;

namespace MassGen.Evaluation.Eval;

/// <summary>
/// items.jsonl: every finished unit is appended and flushed as it ends, so a killed eval loses only what was in flight.
/// Reading tolerates a last line cut short by a kill; it is dropped (and cut from the file) and its unit runs again.
/// </summary>
internal sealed class ItemsLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    private ItemsLog(FileStream stream, IReadOnlyList<ItemRecord> existing)
    {
        _stream = stream;
        Existing = existing;
    }

    /// <summary>The records already in the file when it was opened.</summary>
    public IReadOnlyList<ItemRecord> Existing { get; }

    /// <summary>Opens the log; with <paramref name="resume"/> keeps its complete lines, otherwise starts it empty.</summary>
    public static ItemsLog Open(string path, bool resume)
    {
        var stream = new FileStream(path, resume ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var records = new List<ItemRecord>();
            long good = 0;
            if (resume)
            {
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                var start = 0;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] != (byte)'\n')
                    {
                        continue;
                    }

                    var line = Encoding.UTF8.GetString(bytes, start, i - start);
                    if (line.Trim().Length > 0)
                    {
                        records.Add(Parse(path, records.Count + 1, line));
                    }

                    start = i + 1;
                    good = start;
                }
            }

            // A line without its newline was being written when the process died.
            stream.SetLength(good);
            stream.Position = good;
            return new ItemsLog(stream, records);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Append(ItemRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, EvalJson.Line);
        lock (_gate)
        {
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush();
        }
    }

    public void Dispose() => _stream.Dispose();

    private static ItemRecord Parse(string path, int line, string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ItemRecord>(text, EvalJson.Line)
                ?? throw new EvaluationDataException($"{path}:{line}: an empty record.");
        }
        catch (JsonException e)
        {
            throw new EvaluationDataException($"{path}:{line}: not an items.jsonl record ({e.Message}); remove the line or start the eval without --resume.", e);
        }
    }
}
