using System.Runtime.CompilerServices;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;

namespace MassGen.Cli.Tests.Support;

/// <summary>Coordination runners that replay hand-built event streams instead of running models.</summary>
internal static class Replay
{
    public static Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>> Of(
        EventScript script, List<CoordinationRequest>? requests = null) =>
        (_, _, request, cancellationToken) =>
        {
            requests?.Add(request);
            return Stream(script.Events, cancellationToken);
        };

    private static async IAsyncEnumerable<CoordinationEvent> Stream(IReadOnlyList<CoordinationEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var coordinationEvent in events)
        {
            await Task.Yield();
            yield return coordinationEvent;
        }

        _ = cancellationToken;
    }
}
