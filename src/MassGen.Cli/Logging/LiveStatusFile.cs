using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using MassGen.Cli.Displays;
using MassGen.Core.Events;

namespace MassGen.Cli.Logging;

/// <summary>
/// <c>status.json</c>, latest state wins. The event pump only folds each event into the state and notes that the status
/// changed; a background writer replaces the file, one write at a time, and when the status changed while it wrote it
/// writes once more. A burst of events (fifty agents answering within milliseconds) thus costs a few writes instead of
/// one per event, and none of them on the pump. Every write is a complete document of a state the run really was in:
/// the document is captured under the lock <see cref="Apply"/> takes, and the file is replaced in one step.
/// </summary>
internal sealed class LiveStatusFile
{
    private readonly Lock _gate = new();
    private readonly RunView _view = new();
    private readonly string _path;
    private readonly string _runId;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, string, Task> _replaceFile;

    // All guarded by _gate.
    private bool _changed;
    private bool _writerRunning;
    private Task _writer = Task.CompletedTask;
    private ExceptionDispatchInfo? _failure;

    /// <param name="path">The file to keep up to date.</param>
    /// <param name="runId">The run's id, written in the file.</param>
    /// <param name="timeProvider">Stamps each write and measures the elapsed time.</param>
    /// <param name="replaceFile">Replaces the file at a path with a text in one step (a test counts or holds writes with it).</param>
    public LiveStatusFile(string path, string runId, TimeProvider timeProvider, Func<string, string, Task> replaceFile)
    {
        _path = path;
        _runId = runId;
        _timeProvider = timeProvider;
        _replaceFile = replaceFile;
    }

    /// <summary>
    /// Folds one event into the state; when it <paramref name="changesStatus"/>, a write follows in the background.
    /// Throws the failure of an earlier write, so a status that cannot be written stops the run as it always did.
    /// </summary>
    public void Apply(CoordinationEvent coordinationEvent, bool changesStatus)
    {
        lock (_gate)
        {
            _view.Apply(coordinationEvent);
            _failure?.Throw();
            if (changesStatus)
            {
                NoteChanged();
            }
        }
    }

    /// <summary>Writes the current state (once the write in flight, if any, is done) and waits until it is on disk.</summary>
    public Task WriteNowAsync()
    {
        lock (_gate)
        {
            _failure?.Throw();
            NoteChanged();
        }

        return FlushAsync();
    }

    /// <summary>Waits until every change noted so far is on disk; throws when a write failed.</summary>
    public async Task FlushAsync()
    {
        Task writer;
        lock (_gate)
        {
            writer = _writer;
        }

        // The writer only stops once nothing is left to write, and it never faults: failures are kept in _failure.
        await writer.ConfigureAwait(false);
        lock (_gate)
        {
            _failure?.Throw();
        }
    }

    /// <summary>Waits for the write in flight and any that follows it, without throwing (for disposal).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _writer;
        }
    }

    // Caller holds _gate.
    private void NoteChanged()
    {
        _changed = true;
        if (!_writerRunning)
        {
            _writerRunning = true;
            _writer = Task.Run(WriteWhileChangedAsync);
        }
    }

    private async Task WriteWhileChangedAsync()
    {
        while (true)
        {
            JsonObject status;
            lock (_gate)
            {
                if (!_changed)
                {
                    _writerRunning = false;
                    return;
                }

                _changed = false;
                // Only the capture holds the pump up; turning it into text and writing it does not.
                status = RunLogger.StatusNode(_view, _runId, _timeProvider.GetUtcNow());
            }

            try
            {
                await _replaceFile(_path, status.ToJsonString(RunLogJson.Indented)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every failure is handed to the pump, which throws it on its next event or flush.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _failure = ExceptionDispatchInfo.Capture(exception);
                    _writerRunning = false;
                }

                return;
            }
        }
    }
}
