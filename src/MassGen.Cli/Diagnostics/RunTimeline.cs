using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MassGen.Core.Events;

namespace MassGen.Cli.Diagnostics;

/// <summary>
/// Milestones of the command on standard error when <c>MASSGEN_TIMELINE</c> is set: milliseconds since the process
/// started, the methods the JIT has compiled so far (and its time), process CPU time, thread-pool threads and
/// collections. It answers "where does a run lose time" without a profiler: JIT of cold code shows as compiled methods
/// between two milestones, a starved thread pool as few threads, the display or the logs as CPU time.
/// </summary>
internal sealed class RunTimeline
{
    /// <summary>The environment variable that turns the timeline on.</summary>
    public const string Variable = "MASSGEN_TIMELINE";

    private readonly TextWriter _error;
    private readonly DateTimeOffset _processStart;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private RunTimeline(TextWriter error, DateTimeOffset processStart)
    {
        _error = error;
        _processStart = processStart;
    }

    /// <summary>A timeline when <c>MASSGEN_TIMELINE</c> is set (non-empty, not 0), otherwise null.</summary>
    public static RunTimeline? FromEnvironment(IReadOnlyDictionary<string, string> variables, TextWriter error)
    {
        if (!variables.TryGetValue(Variable, out var value) || string.IsNullOrWhiteSpace(value) || value.Trim() == "0")
        {
            return null;
        }

        using var process = Process.GetCurrentProcess();
        return new RunTimeline(error, new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>Writes one milestone line.</summary>
    public void Mark(string milestone)
    {
        var sinceStart = (TimeProvider.System.GetUtcNow() - _processStart).TotalMilliseconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"timeline {sinceStart,7:0} ms  {milestone,-34} jit {JitInfo.GetCompiledMethodCount(),6} methods {JitInfo.GetCompilationTime().TotalMilliseconds,6:0} ms  cpu {Environment.CpuUsage.TotalTime.TotalMilliseconds,6:0} ms  threads {ThreadPool.ThreadCount,3}  gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} {(GCSettings.IsServerGC ? "server" : "workstation")}");
        lock (_lock)
        {
            _error.WriteLine(line);
        }
    }

    /// <summary>
    /// Marks the first event of each kind (turns: the first of each turn number and kind), so a 50-agent run prints a
    /// screenful, not thousands of lines; the run's last event is always marked.
    /// </summary>
    public void Observe(CoordinationEvent coordinationEvent)
    {
        var key = coordinationEvent switch
        {
            TurnStarted turn => $"{nameof(TurnStarted)} {turn.Kind} #{turn.TurnNumber}",
            UsageReported usage => $"{nameof(UsageReported)} #{usage.TurnNumber}",
            _ => coordinationEvent.GetType().Name,
        };
        bool first;
        lock (_lock)
        {
            first = _seen.Add(key);
        }

        if (first || coordinationEvent is RunFinished)
        {
            Mark(key);
        }
    }
}
