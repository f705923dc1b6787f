using Orleans.Concurrency;

namespace MassGen.Cluster.Grains;

/// <summary>
/// One team run, keyed by its run id (which is also its log folder's name). It lives on one silo at a time; its
/// description and outcome are in the grain store, so when its silo dies the next call (or its reminder) activates it
/// on another silo, which takes the run up again (<see cref="RunGrain"/>).
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run once; a repeated call (a retried request) returns the run as it is.</summary>
    Task<RunSnapshot> StartAsync(RunSpec spec);

    /// <summary>
    /// The events of <paramref name="attempt"/> from index <paramref name="from"/> on, waiting up to
    /// <paramref name="wait"/> for one when there are none yet. A page of another attempt (the run was taken up again
    /// after its silo died) starts at index 0: the watcher starts over with it.
    /// </summary>
    [AlwaysInterleave]
    Task<RunEventsPage> WaitEventsAsync(int attempt, int from, TimeSpan wait);

    /// <summary>The run's description, where it runs and how it ended.</summary>
    [AlwaysInterleave]
    Task<RunSnapshot> GetAsync();

    /// <summary>Has the run present its best answer so far (as <c>/v1/runs/{id}/answer-now</c> does for a local run).</summary>
    [AlwaysInterleave]
    Task AnswerNowAsync();

    /// <summary>Stops the run gracefully (its caller left): it ends with its best answer and a complete log.</summary>
    [AlwaysInterleave]
    Task StopAsync();
}

/// <summary>What to run: the team (a served config, by its model name) and the conversation.</summary>
/// <param name="Team">The team's model name; every node serves the same configs under the same names.</param>
/// <param name="Task">The task (the conversation's last user message).</param>
/// <param name="History">Earlier exchanges, oldest first.</param>
/// <param name="StartedAt">When the run was asked for.</param>
[GenerateSerializer, Immutable]
public sealed record RunSpec(
    [property: Id(0)] string Team,
    [property: Id(1)] string Task,
    [property: Id(2)] RunTurn[] History,
    [property: Id(3)] DateTimeOffset StartedAt);

/// <summary>One earlier exchange of the conversation.</summary>
[GenerateSerializer, Immutable]
public sealed record RunTurn([property: Id(0)] string User, [property: Id(1)] string Assistant);

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Never started (no such run).</summary>
    None,

    /// <summary>Under way on some silo.</summary>
    Running,

    /// <summary>Ended with a final answer.</summary>
    Finished,

    /// <summary>Ended without one (its error says why).</summary>
    Failed,
}

/// <summary>Events of one attempt of a run, as the JSON lines of its event log.</summary>
/// <param name="Attempt">The attempt they belong to (0 for the first; one more each time the run is taken up again).</param>
/// <param name="From">The index of the first event in <paramref name="Events"/>.</param>
/// <param name="Events">The events' JSON.</param>
/// <param name="Status">The run's status after these events.</param>
/// <param name="FinishedEvent">The run's last event (<c>run_finished</c>) once it has ended, also when the events themselves are gone.</param>
[GenerateSerializer, Immutable]
public sealed record RunEventsPage(
    [property: Id(0)] int Attempt,
    [property: Id(1)] int From,
    [property: Id(2)] string[] Events,
    [property: Id(3)] RunStatus Status,
    [property: Id(4)] string? FinishedEvent);

/// <summary>A run as the cluster knows it.</summary>
[GenerateSerializer, Immutable]
public sealed record RunSnapshot(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Team,
    [property: Id(2)] string Task,
    [property: Id(3)] RunStatus Status,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string? Silo,
    [property: Id(7)] string? TerminationReason,
    [property: Id(8)] string? Error,
    [property: Id(9)] string? FinalAnswer,
    [property: Id(10)] RunTakeUp TakeUp = RunTakeUp.None);

/// <summary>How the run's latest attempt began after its silo died under it.</summary>
public enum RunTakeUp
{
    /// <summary>It was never taken up: its first silo ran it.</summary>
    None,

    /// <summary>Continued from its log folder and recording: nothing finished before was done or paid for again.</summary>
    Resumed,

    /// <summary>Started over from its question (its log folder could not be read here): every model call was made again.</summary>
    StartedOver,
}
