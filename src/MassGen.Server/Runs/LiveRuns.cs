using System.Collections.Concurrent;
using MassGen.Core.Coordination;

namespace MassGen.Server.Runs;

/// <summary>The runs under way, by run id (their event streams are served at <c>/v1/runs/{id}/events</c>).</summary>
internal sealed class LiveRuns
{
    private readonly ConcurrentDictionary<string, LiveRun> _runs = new(StringComparer.Ordinal);

    public int Count => _runs.Count;

    public IReadOnlyList<LiveRun> All => [.. _runs.Values];

    public LiveRun Start(string runId, string model, string question, DateTimeOffset startedAt, CoordinationControl control) =>
        _runs.GetOrAdd(runId, id => new LiveRun(id, model, question, startedAt, control));

    public LiveRun? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    public void End(LiveRun run)
    {
        run.Finish();
        _runs.TryRemove(run.RunId, out _);
    }
}
