using System.Threading.Channels;
using MassGen.Core.Events;
using MassGen.Core.Teams;

namespace MassGen.Cluster.Grains;

/// <summary>A run's engine on the thread pool, its events into a channel the grain reads on its own scheduler.</summary>
internal static class EnginePump
{
    /// <param name="start">Starts (or resumes) the run; called here, off the grain's scheduler.</param>
    /// <param name="events">Where its events go; completed with the run's failure, if any.</param>
    public static async Task RunAsync(Func<TeamRun> start, ChannelWriter<CoordinationEvent> events)
    {
        try
        {
            await foreach (var coordinationEvent in start().Events.ConfigureAwait(false))
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
