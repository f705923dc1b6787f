using Orleans.Concurrency;

namespace MassGen.Cluster.Grains;

/// <summary>
/// A batch of work for one team, spread over the cluster. Either tasks (<see cref="StartAsync"/>), each item a run
/// grain, the job keeping at most <see cref="EvalJobSpec.MaxInFlight"/> runs going and remembering each item's
/// outcome; or the model calls of <c>massgen eval --cluster</c> (<see cref="StartCallAsync"/>), each an eval call grain
/// on a random silo, the eval itself keeping its items in flight, its files and its statistics.
/// </summary>
public interface IEvalJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job once; a repeated call returns it as it is.</summary>
    Task<EvalJobSnapshot> StartAsync(EvalJobSpec spec);

    /// <summary>
    /// Starts the eval call <paramref name="key"/> of this job (once: the same key again returns it as it is) as the
    /// grain <c>JOB/KEY</c>; its outcome is read from that grain (<see cref="IEvalCallGrain.WaitAsync"/>).
    /// </summary>
    [AlwaysInterleave]
    Task<EvalCallSnapshot> StartCallAsync(string key, EvalCallSpec spec);

    /// <summary>The job's progress and the outcomes so far.</summary>
    [AlwaysInterleave]
    Task<EvalJobSnapshot> GetAsync();
}

/// <summary>What to run: each item a task for the team.</summary>
/// <param name="Team">The team's model name, served by every node.</param>
/// <param name="Items">The tasks, in order.</param>
/// <param name="MaxInFlight">Runs under way at once, at most.</param>
/// <param name="StartedAt">When the job was asked for.</param>
[GenerateSerializer, Immutable]
public sealed record EvalJobSpec(
    [property: Id(0)] string Team,
    [property: Id(1)] string[] Items,
    [property: Id(2)] int MaxInFlight,
    [property: Id(3)] DateTimeOffset StartedAt);

/// <summary>A job's progress: one outcome per item (<see cref="RunStatus.None"/> for items not started yet).</summary>
[GenerateSerializer, Immutable]
public sealed record EvalJobSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] EvalItemOutcome[] Items,
    [property: Id(2)] bool Done);

/// <summary>One item's run and how it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record EvalItemOutcome(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] string? Answer,
    [property: Id(3)] string? Error);

/// <summary>What the grain store keeps of a job.</summary>
[GenerateSerializer]
internal sealed class EvalJobState
{
    [Id(0)] public EvalJobSpec? Spec { get; set; }

    [Id(1)] public EvalItemOutcome[] Items { get; set; } = [];
}
