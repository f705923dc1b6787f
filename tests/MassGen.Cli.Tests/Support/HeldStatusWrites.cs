using MassGen.Cli.Logging;

namespace MassGen.Cli.Tests.Support;

/// <summary>
/// Stands in for the run log's status.json writer: records every text it is asked to write and holds each write until
/// the test releases it, then replaces the file as the real writer does.
/// </summary>
internal sealed class HeldStatusWrites
{
    private readonly Lock _gate = new();
    private readonly List<string> _texts = [];
    private readonly List<(TaskCompletionSource Started, TaskCompletionSource Released)> _slots = [];
    private bool _releaseAll;

    /// <summary>The texts written so far, in order (a held write counts once it started).</summary>
    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (_gate)
            {
                return [.. _texts];
            }
        }
    }

    /// <summary>The writer the run log is given.</summary>
    public async Task ReplaceAsync(string path, string contents)
    {
        (TaskCompletionSource Started, TaskCompletionSource Released) slot;
        lock (_gate)
        {
            _texts.Add(contents);
            slot = Slot(_texts.Count - 1);
        }

        slot.Started.TrySetResult();
        await slot.Released.Task;
        AtomicFile.Write(path, contents);
    }

    /// <summary>Completes when write number <paramref name="index"/> (from 0) has started and is held.</summary>
    public Task StartedAsync(int index)
    {
        lock (_gate)
        {
            return Slot(index).Started.Task;
        }
    }

    /// <summary>Lets write number <paramref name="index"/> go on.</summary>
    public void Release(int index)
    {
        lock (_gate)
        {
            Slot(index).Released.TrySetResult();
        }
    }

    /// <summary>Lets every write, held or still to come, go on.</summary>
    public void ReleaseAll()
    {
        lock (_gate)
        {
            _releaseAll = true;
            foreach (var (_, released) in _slots)
            {
                released.TrySetResult();
            }
        }
    }

    // Caller holds _gate.
    private (TaskCompletionSource Started, TaskCompletionSource Released) Slot(int index)
    {
        while (_slots.Count <= index)
        {
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_releaseAll)
            {
                released.TrySetResult();
            }

            _slots.Add((new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), released));
        }

        return _slots[index];
    }
}
