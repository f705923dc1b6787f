using System.Threading.Channels;
using MassGen.Core.Coordination;
using MassGen.Core.Events;

namespace MassGen.Cluster.Grains;

/// <summary>A run's engine on the thread pool, its events into a channel the grain reads on its own scheduler.</summary>
internal static class EnginePump
{
    public static async Task RunAsync(IRunEngine engine, string team, string runId, CoordinationRequest request, ChannelWriter<CoordinationEvent> events, CancellationToken stopToken)
    {
        try
        {
            await foreach (var coordinationEvent in engine.Start(team, runId, request, stopToken).Events.ConfigureAwait(false))
            {
                await events.WriteAsync(coordinationEvent, CancellationToken.None).ConfigureAwait(false);
            }

            events.TryComplete();
        }
#pragma warning disable CA1031 // Whatever stopped the engine ends this run as failed, with its message.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            events.TryComplete(failure);
        }
    }
}
