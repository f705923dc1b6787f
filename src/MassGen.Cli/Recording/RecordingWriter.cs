using System.Text;
using System.Text.Json.Nodes;

namespace MassGen.Cli.Recording;

/// <summary>
/// One run's recording file: append-only JSON lines (a header, the seed, then one line per finished model call),
/// each line written whole and flushed before the call returns to the engine, so a kill loses at most the line being
/// written, which the reader detects and skips. JSON lines rather than SQLite: a recording is written once, in order,
/// and read whole; appending a line is one write with no dependency, and the file stays greppable and diffable.
/// Every secret value from the environment is masked before a line reaches the disk.
/// </summary>
internal sealed class RecordingWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly IReadOnlySet<string> _secrets;
    private readonly Lock _gate = new();
    private long _ordinal;
    private long _events;
    private bool _disposed;

    public RecordingWriter(string path, IReadOnlySet<string> secrets, TimeProvider timeProvider)
        : this(path, secrets, timeProvider, null)
    {
    }

    /// <param name="path">The file.</param>
    /// <param name="secrets">Values masked before a line reaches the disk.</param>
    /// <param name="timeProvider">The clock of the items' times.</param>
    /// <param name="continueFrom">
    /// A resumed run's recording: new lines are appended after its whole lines (a torn last line is cut off first),
    /// and the run's order and event count go on from its own.
    /// </param>
    public RecordingWriter(string path, IReadOnlySet<string> secrets, TimeProvider timeProvider, RunRecording? continueFrom)
    {
        Path = path;
        _secrets = secrets;
        TimeProvider = timeProvider;
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (continueFrom is null)
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            return;
        }

        _stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _stream.SetLength(continueFrom.WholeLength);
        if (_stream.Length > 0)
        {
            // A last line that parsed but lost its newline must not have the next line glued to it.
            _stream.Seek(-1, SeekOrigin.End);
            if (_stream.ReadByte() != '\n')
            {
                _stream.WriteByte((byte)'\n');
            }
        }

        _stream.Seek(0, SeekOrigin.End);
        _ordinal = continueFrom.Calls.SelectMany(c => c.Items.Append(c.End)).Select(i => i.Ordinal).DefaultIfEmpty(0).Max();
        _events = continueFrom.Calls.SelectMany(c => c.Items.Append(c.End)).Select(i => i.EventsBefore).DefaultIfEmpty(0).Max();
    }

    public string Path { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The first write failure, if any; recording never fails the run.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>The next place in the run's global order of streamed items (updates and stream ends, all agents).</summary>
    public long NextOrdinal() => Interlocked.Increment(ref _ordinal);

    /// <summary>Coordination events the run has emitted so far (the command counts them as it logs them).</summary>
    public long EventsSeen => Interlocked.Read(ref _events);

    public void OnEvent() => Interlocked.Increment(ref _events);

    /// <summary>Appends one line and flushes it to the operating system.</summary>
    public void Append(JsonObject line)
    {
        var text = line.ToJsonString(RecordingJson.Options);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, MassGen.Configuration.ConfigJsonWriter.Redacted, StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _stream.Write(bytes);
                _stream.Flush();
            }
            catch (IOException exception)
            {
                FirstFailure ??= exception.Message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stream.DisposeAsync();
    }
}
