using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassGen.Cli.Displays;
using MassGen.Core.Events;

namespace MassGen.Cli.Logging;

/// <summary>
/// Writes one run's log folder: every event appended to <c>events.jsonl</c> and flushed as it arrives (a crash loses
/// nothing written before it; the run's first events may be held back until its first model calls have left, see
/// <see cref="HoldWrites"/>), a live <c>status.json</c> replaced atomically in the background (<see cref="LiveStatusFile"/>),
/// and at the end <c>result.json</c> and <c>final_answer.md</c>. Per-agent exchanges are written by <see cref="RecordingChatClient"/> under <c>agents/</c>.
/// </summary>
internal sealed class RunLogger : IAsyncDisposable
{
    public const string EventsFile = "events.jsonl";
    public const string StatusFile = "status.json";
    public const string ResultFile = "result.json";
    public const string FinalAnswerFile = "final_answer.md";
    public const string ConfigFile = "config.resolved.json";
    public const string RunInfoFile = "run.json";

    private readonly StreamWriter _events;
    private readonly LiveStatusFile _status;
    private readonly TimeProvider _timeProvider;

    // Writes come from the event pump, releases from a timer or a model call's thread: one at a time.
    private readonly Lock _gate = new();

    // Events kept in memory, in order, while writes are held; null when each event is written as it arrives.
    private List<CoordinationEvent>? _held;
    private ITimer? _holdLimit;

    // The description files (name, text to write) that arrived while writes were held, in order.
    private List<(string Name, Func<string> Text)>? _heldFiles;

    // A write that failed while releasing held events off the pump, thrown to the pump by its next call.
    private Exception? _releaseFailure;
    private bool _disposed;

    private RunLogger(string directory, string runId, TimeProvider timeProvider, Func<string, string, Task> replaceFile)
    {
        Directory = directory;
        _timeProvider = timeProvider;
        _status = new LiveStatusFile(Path.Combine(directory, StatusFile), runId, timeProvider, replaceFile);
        var stream = new FileStream(Path.Combine(directory, EventsFile), FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
        _events = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = false };
    }

    /// <summary>The run's log folder.</summary>
    public string Directory { get; }

    /// <summary>Creates <c>&lt;logsRoot&gt;/&lt;runId&gt;/</c> and opens its event log.</summary>
    public static RunLogger Create(string logsRoot, string runId, TimeProvider timeProvider) =>
        Create(logsRoot, runId, timeProvider, ReplaceAtomically);

    /// <summary>As <see cref="Create(string, string, TimeProvider)"/>, with status.json replaced by <paramref name="replaceStatusFile"/> (path, text).</summary>
    internal static RunLogger Create(string logsRoot, string runId, TimeProvider timeProvider, Func<string, string, Task> replaceStatusFile)
    {
        var directory = Path.Combine(logsRoot, runId);
        System.IO.Directory.CreateDirectory(directory);
        return new RunLogger(directory, runId, timeProvider, replaceStatusFile);
    }

    /// <summary>Cuts a stopped run's event log to its whole lines, so the resumed run's first line starts on a line of its own.</summary>
    public static void CutTo(string directory, long wholeLength)
    {
        using var stream = new FileStream(Path.Combine(directory, EventsFile), FileMode.Open, FileAccess.Write, FileShare.Read);
        if (stream.Length > wholeLength)
        {
            stream.SetLength(wholeLength);
        }
    }

    /// <summary>A new run id: the start time (sortable) plus a random suffix so parallel runs never share a folder.</summary>
    public static string NewRunId(TimeProvider timeProvider) =>
        timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));

    /// <summary>
    /// Writes the run's description: <c>run.json</c> (question, team, session, arguments) and, when given, the resolved
    /// configuration (already redacted) in <c>config.resolved.json</c>. Both are produced and written now, or, while
    /// writes are held (<see cref="HoldWrites"/>), when the held events are: they are the first JSON a fresh process
    /// serializes, about 20 ms of CPU on the way to the first model request.
    /// </summary>
    public void WriteDescription(Func<JsonObject> runInfo, Func<string>? resolvedConfig)
    {
        ArgumentNullException.ThrowIfNull(runInfo);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WriteFileLocked(RunInfoFile, () => runInfo().ToJsonString(RunLogJson.Indented));
            if (resolvedConfig is not null)
            {
                WriteFileLocked(ConfigFile, resolvedConfig);
            }
        }
    }

    /// <summary>
    /// Keeps the events that arrive from now on in memory, in order, until <see cref="ReleaseWrites"/> is called or
    /// <paramref name="limit"/> has passed; writing the result or disposing releases them too. A run holds its first
    /// events until its first model calls have left: in a fresh process the first event written costs about a tenth of
    /// a second of compiling serialisation code, CPU the first requests need on a small machine. A crash in that
    /// window loses the held events.
    /// </summary>
    public void HoldWrites(TimeSpan limit)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_held is not null)
            {
                return;
            }

            _held = [];
            _holdLimit = _timeProvider.CreateTimer(_ => ReleaseOffThePump(), null, limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes the events held since <see cref="HoldWrites"/>, and every later event as it arrives.</summary>
    public void ReleaseWrites()
    {
        lock (_gate)
        {
            ReleaseLocked();
        }
    }

    /// <summary>As <see cref="ReleaseWrites"/>, on a thread-pool thread; a failed write goes to the pump's next call.</summary>
    public void ReleaseWritesInBackground() => ThreadPool.QueueUserWorkItem(static logger => logger.ReleaseOffThePump(), this, preferLocal: false);

    /// <summary>Appends one event and flushes it to the operating system before returning (unless writes are held).</summary>
    public void Write(CoordinationEvent coordinationEvent)
    {
        ArgumentNullException.ThrowIfNull(coordinationEvent);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowReleaseFailure();
            if (_held is { } held)
            {
                held.Add(coordinationEvent);
                return;
            }

            WriteLocked(coordinationEvent);
        }
    }

    /// <summary>Waits until status.json shows every event written so far.</summary>
    public Task FlushStatusAsync()
    {
        ReleaseWrites();
        return _status.FlushAsync();
    }

    private void WriteFileLocked(string name, Func<string> text)
    {
        if (_held is not null)
        {
            (_heldFiles ??= []).Add((name, text));
            return;
        }

        File.WriteAllText(Path.Combine(Directory, name), text());
    }

    private void WriteLocked(CoordinationEvent coordinationEvent)
    {
        _events.WriteLine(JsonSerializer.Serialize(coordinationEvent, RunLogJson.Compact));
        _events.Flush();

        // Deltas arrive by the thousand; status.json changes only with events that change someone's status.
        _status.Apply(coordinationEvent, changesStatus: coordinationEvent is not (TextDelta or ReasoningDelta or FinalAnswerDelta or UsageReported));
    }

    private void ReleaseLocked()
    {
        ThrowReleaseFailure();
        if (_held is not { } held)
        {
            return;
        }

        _held = null;
        _holdLimit?.Dispose();
        _holdLimit = null;
        var files = _heldFiles ?? [];
        _heldFiles = null;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(Directory, name), text());
        }

        foreach (var coordinationEvent in held)
        {
            WriteLocked(coordinationEvent);
        }
    }

    // Off the pump (the hold's timer, a background release): a failed write goes to the pump's next call.
    private void ReleaseOffThePump()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                ReleaseLocked();
            }
#pragma warning disable CA1031 // Rethrown to the event pump by its next call (ThrowReleaseFailure).
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _releaseFailure ??= exception;
            }
        }
    }

    private void ThrowReleaseFailure()
    {
        if (_releaseFailure is { } failure)
        {
            _releaseFailure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Writes result.json (the same document <c>--json</c> prints) and final_answer.md.</summary>
    public async Task WriteResultAsync(JsonObject resultDocument, string? finalAnswer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultDocument);
        ReleaseWrites();
        await File.WriteAllTextAsync(Path.Combine(Directory, ResultFile), ResultDocument.ToJson(resultDocument), cancellationToken);
        if (finalAnswer is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, FinalAnswerFile), finalAnswer.TrimEnd() + "\n", cancellationToken);
        }

        // The run's last status, stamped after its result, is on disk before the run reports its log folder.
        await _status.WriteNowAsync();
    }

    private static Task ReplaceAtomically(string path, string contents)
    {
        AtomicFile.Write(path, contents);
        return Task.CompletedTask;
    }

    /// <summary>The text of <c>status.json</c> for a run in the state <paramref name="view"/> shows.</summary>
    public static string StatusJson(RunView view, string runId, DateTimeOffset now) =>
        StatusNode(view, runId, now).ToJsonString(RunLogJson.Indented);

    /// <summary>
    /// The document of <c>status.json</c>: a copy of what it needs from <paramref name="view"/>, so it can be turned into
    /// text while the view moves on.
    /// </summary>
    public static JsonObject StatusNode(RunView view, string runId, DateTimeOffset now)
    {
        var agents = new JsonObject();
        foreach (var agent in view.Agents)
        {
            agents[agent.Id] = new JsonObject
            {
                ["label"] = agent.Label,
                ["model"] = agent.Model,
                ["status"] = agent.Activity.ToString().ToLowerInvariant(),
                ["status_text"] = agent.DescribeActivity(),
                ["turn"] = agent.TurnNumber,
                ["answers"] = agent.AnswerCount,
                ["voted_for"] = agent.VotedForLabel,
                ["tokens"] = agent.Usage.TotalTokens,
                ["cost_usd"] = agent.Usage.CostUsd,
            };
        }

        return new JsonObject
        {
            ["run_id"] = runId,
            ["last_updated"] = now,
            ["question"] = view.Task,
            ["phase"] = view.IsFinished ? "finished" : view.PresenterId is not null ? "presentation" : view.Consensus is not null ? "consensus" : "coordination",
            ["attempt"] = view.Attempt,
            ["revision"] = view.Revision,
            ["elapsed_seconds"] = view.StartedAt is { } started ? Math.Round((now - started).TotalSeconds, 3) : 0,
            ["total_tokens"] = view.TotalUsage.TotalTokens,
            ["cost_usd"] = view.TotalUsage.CostUsd,
            ["agents"] = agents,
            ["recent_events"] = new JsonArray([.. view.RecentEvents.Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["termination_reason"] = view.Result is { } result ? JsonNamingPolicy.SnakeCaseLower.ConvertName(result.TerminationReason.ToString()) : null,
            ["winner_id"] = view.Result?.WinnerId ?? view.Consensus?.WinnerId,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            lock (_gate)
            {
                // Events still held (a run that ended before its first calls left) are written now.
                _disposed = true;
                ReleaseLocked();
            }
        }
        finally
        {
            // A failed status write was thrown by the last Write or WriteResultAsync; disposal only waits for the writer.
            await _status.WhenIdleAsync();
            await _events.DisposeAsync();
        }
    }
}
