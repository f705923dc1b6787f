using MassGen.Core.Coordination.Internal;

namespace MassGen.Server.Benchmarks;

/// <summary>The label the scripted agents vote for: the first agent's under seed 1.</summary>
internal static class Labels
{
    public static string First { get; } = LabelAssignment.Assign(2, 1)[0];
}
