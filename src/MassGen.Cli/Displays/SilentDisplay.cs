using System.Threading.Channels;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Displays;

/// <summary>Prints nothing while the run goes on, then only the final answer (or why there is none).</summary>
internal sealed class SilentDisplay : IRunDisplay
{
    private readonly IAnsiConsole _console;
    private readonly RunView _view;

    public SilentDisplay(IAnsiConsole console, RunView view)
    {
        _console = console;
        _view = view;
    }

    public async Task RunAsync(ChannelReader<CoordinationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var coordinationEvent in events.ReadAllAsync(cancellationToken))
        {
            _view.Apply(coordinationEvent);
        }

        var writer = _console.Profile.Out.Writer;
        if (_view.Result?.FinalAnswer is { } answer)
        {
            writer.WriteLine(answer.TrimEnd());
        }
        else if (_view.Result is { } result)
        {
            writer.WriteLine($"No answer: {result.TerminationDetail ?? Words.Termination(result.TerminationReason)}");
        }

        writer.Flush();
    }
}
