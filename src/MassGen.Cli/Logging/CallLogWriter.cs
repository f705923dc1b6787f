using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MassGen.Cli.Logging;

/// <summary>
/// Writes a run's per-call exchange files off the agents' path. A finished model call hands its record over and
/// returns at once; one background writer renders it to JSON and writes it, in order. Rendering a call means
/// serialising its whole prompt (every peer's answer), so doing it inline would hold each decision back from the
/// engine for as long as the disk and the serialiser take. With a <see cref="RunActivity"/>, the writer also waits for
/// a pause in the run's work before each batch, so the records of fifty answers are not written while fifty vote
/// requests are being built. Disposing drains everything handed over, without waiting.
/// </summary>
internal sealed class CallLogWriter : IAsyncDisposable
{
    // A class, not a tuple: the channel's code over a reference type is shared code compiled ahead of time, while over a
    // struct the JIT compiles the whole channel in a fresh process, before the run's first request.
    private readonly Channel<PendingCall> _pending = Channel.CreateUnbounded<PendingCall>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;
    private readonly RunActivity? _activity;
    private readonly CancellationTokenSource _draining = new();

    // Folders this writer has made: each agent's folder is made once, not before every call (a run of 50 agents writes
    // hundreds of files, and each needless mkdir is a system call on a machine busy with the run).
    private readonly ConcurrentDictionary<string, bool> _madeFolders = new(StringComparer.Ordinal);

    /// <summary>A writer that writes each record as soon as it can, or, with <paramref name="activity"/>, in the run's pauses.</summary>
    public CallLogWriter(RunActivity? activity = null)
    {
        _activity = activity;
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Notes that a model call is starting: the run is busy (see <see cref="RunActivity"/>).</summary>
    public void NoteCallStarting() => _activity?.Note();

    /// <summary>The first file that could not be written, if any (the run goes on; the caller reports it).</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>Queues one call's record; <paramref name="render"/> runs later on the writer.</summary>
    public void Enqueue(string path, Func<JsonObject> render)
    {
        _activity?.Note();
        if (!_pending.Writer.TryWrite(new PendingCall(path, render)))
        {
            // Only after disposal: a straggling call (a turn cancelled as the run ended) is written where it stands.
            Write(path, render);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_pending.Writer.TryComplete())
        {
            return;
        }

        await _draining.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _draining.Dispose();
    }

    private async Task WriteAllAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_activity is not null)
            {
                await _activity.WaitForPauseAsync(_draining.Token).ConfigureAwait(false);
            }

            while (reader.TryRead(out var call))
            {
                Write(call.Path, call.Render);
            }
        }
    }

    private void Write(string path, Func<JsonObject> render)
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(path)!;
            if (!_madeFolders.ContainsKey(folder))
            {
                Directory.CreateDirectory(folder);
                _madeFolders[folder] = true;
            }

            var text = render().ToJsonString(RunLogJson.Indented);
            try
            {
                File.WriteAllText(path, text);
            }
            catch (DirectoryNotFoundException)
            {
                // Removed while the run went on (by hand, or by a clean-up): made again.
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, text);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            FirstFailure ??= $"{path}: {exception.Message}";
        }
    }

    private sealed record PendingCall(string Path, Func<JsonObject> Render);
}
