using Orleans.Concurrency;

namespace MassGen.Cluster.Grains;

/// <summary>
/// One model call of an eval (a member asked alone, or the team coordinating on an item), keyed <c>JOB/KEY</c>. It
/// runs on a random silo with that node's copy of the team (<see cref="IEvalCallEngine"/>); its description is in the
/// store before it starts, so when its silo dies the next call activates it on another silo, which makes it again.
/// </summary>
public interface IEvalCallGrain : IGrainWithStringKey
{
    /// <summary>Starts the call once; a repeated call (a retried request) returns it as it is.</summary>
    Task<EvalCallSnapshot> StartAsync(EvalCallSpec spec);

    /// <summary>The call as it is, waiting up to <paramref name="wait"/> for it to end when it is under way.</summary>
    [AlwaysInterleave]
    Task<EvalCallSnapshot> WaitAsync(TimeSpan wait);

    /// <summary>Abandons the call (the eval that sent it was stopped).</summary>
    [AlwaysInterleave]
    Task StopAsync();
}

/// <summary>What to run: the team (its config's name, served by every node) and the call, as the eval wrote it.</summary>
[GenerateSerializer, Immutable]
public sealed record EvalCallSpec([property: Id(0)] string Team, [property: Id(1)] string Call);

/// <summary>A call as the cluster knows it.</summary>
/// <param name="Key">The call grain's key.</param>
/// <param name="Status">Running until it ended; <see cref="RunStatus.Finished"/> with <paramref name="Outcome"/>, or <see cref="RunStatus.Failed"/> with <paramref name="Error"/>.</param>
/// <param name="Outcome">What the node's engine returned.</param>
/// <param name="Error">Why the node could not make the call.</param>
/// <param name="Attempts">How many times it was started: 1, plus one each time its silo died under it.</param>
/// <param name="Silo">The silo of the current (or last) attempt.</param>
[GenerateSerializer, Immutable]
public sealed record EvalCallSnapshot(
    [property: Id(0)] string Key,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] string? Outcome,
    [property: Id(3)] string? Error,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? Silo);

/// <summary>What the grain store keeps of a call.</summary>
[GenerateSerializer]
internal sealed class EvalCallState
{
    [Id(0)] public EvalCallSpec? Spec { get; set; }

    [Id(1)] public RunStatus Status { get; set; }

    [Id(2)] public int Attempts { get; set; }

    [Id(3)] public string? Silo { get; set; }

    [Id(4)] public string? Outcome { get; set; }

    [Id(5)] public string? Error { get; set; }
}
