namespace MassGen.Core.Coordination.Internal;

/// <summary>Where a run is: the loop handles every message according to it.</summary>
internal enum RunPhase
{
    /// <summary>Agents answer and vote (COORDINATION.md §4–7).</summary>
    Coordinating,

    /// <summary>The winner writes the final answer (§8), or the single agent answers directly.</summary>
    Presenting,

    /// <summary>The winner reviews the final answer and may ask for another attempt (§9).</summary>
    Reviewing,

    /// <summary>The result is built; nothing more is started.</summary>
    Finished,
}
