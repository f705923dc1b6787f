namespace MassGen.Cluster.Grains;

/// <summary>
/// What the grain store keeps of a run (written when it starts, each time it is taken up again, and when it ends):
/// enough to start it again on any silo. Its events are not here: they are in the run's log folder.
/// </summary>
[GenerateSerializer]
internal sealed class RunState
{
    [Id(0)] public RunSpec? Spec { get; set; }

    [Id(1)] public RunStatus Status { get; set; }

    /// <summary>How many times the run was started: 1, plus one each time its silo died under it.</summary>
    [Id(2)] public int Attempts { get; set; }

    /// <summary>The silo of the current (or last) attempt.</summary>
    [Id(3)] public string? Silo { get; set; }

    /// <summary>The run log folder on that silo's machine (none when the node writes no logs).</summary>
    [Id(4)] public string? LogFolder { get; set; }

    [Id(5)] public string? TerminationReason { get; set; }

    [Id(6)] public string? Error { get; set; }

    /// <summary>The run's <c>run_finished</c> event (it carries the result), kept for watchers that come late.</summary>
    [Id(7)] public string? FinishedEvent { get; set; }

    [Id(8)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The team's final answer, once the run has one.</summary>
    [Id(9)] public string? FinalAnswer { get; set; }

    /// <summary>How the latest attempt began, when the run was taken up after its silo died.</summary>
    [Id(10)] public RunTakeUp TakeUp { get; set; }
}
