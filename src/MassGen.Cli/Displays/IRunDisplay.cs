using System.Threading.Channels;
using MassGen.Core.Events;

namespace MassGen.Cli.Displays;

/// <summary>
/// A display owns the terminal for one run: it reads every event from the channel until the channel completes, keeps
/// the screen up to date, and ends with the final answer. Nothing else writes to the terminal meanwhile.
/// </summary>
internal interface IRunDisplay
{
    /// <summary>Renders the run until <paramref name="events"/> completes, then the final report.</summary>
    Task RunAsync(ChannelReader<CoordinationEvent> events, CancellationToken cancellationToken = default);
}
