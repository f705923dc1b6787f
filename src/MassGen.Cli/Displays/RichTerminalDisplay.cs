using System.Diagnostics;
using System.Threading.Channels;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Displays;

/// <summary>
/// The live display: one column per agent and a footer, redrawn on a fixed cadence (not per event, so a chatty team
/// of fifty agents costs the same to draw as a quiet one), then the vote table and the final answer.
/// </summary>
internal sealed class RichTerminalDisplay : IRunDisplay
{
    private readonly IAnsiConsole _console;
    private readonly RunView _view;
    private readonly TimeProvider _timeProvider;
    private readonly string? _logDirectory;
    private const int MaxDrawShare = 5;
    private readonly Lock _gate = new();

    public RichTerminalDisplay(IAnsiConsole console, RunView view, TimeProvider timeProvider, string? logDirectory)
    {
        _console = console;
        _view = view;
        _timeProvider = timeProvider;
        _logDirectory = logDirectory;
    }

    /// <summary>How often the live frame is redrawn.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(ChannelReader<CoordinationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await _console.Live(Frame())
            .AutoClear(true)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async context =>
            {
                using var stopRedraw = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var redraw = RedrawAsync(context, stopRedraw.Token);
                try
                {
                    await foreach (var coordinationEvent in events.ReadAllAsync(cancellationToken))
                    {
                        lock (_gate)
                        {
                            _view.Apply(coordinationEvent);
                        }
                    }
                }
                finally
                {
                    await stopRedraw.CancelAsync();
                    await redraw;
                }
            });

        lock (_gate)
        {
            _console.Write(FinalReport.Render(_view, _logDirectory));
            _console.WriteLine();
        }
    }

    private async Task RedrawAsync(LiveDisplayContext context, CancellationToken cancellationToken)
    {
        var delay = RefreshInterval;
        try
        {
            while (true)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken);

                // The frame is built from the state under the lock (cheap: strings), then drawn outside it, so drawing
                // a large team never holds up the events being applied.
                var started = Stopwatch.GetTimestamp();
                Spectre.Console.Rendering.IRenderable frame;
                lock (_gate)
                {
                    frame = Frame();
                }

                context.UpdateTarget(frame);

                // Drawing may take at most about a fifth of one core: a wide team is redrawn less often, never the run slowed.
                var drawTime = Stopwatch.GetElapsedTime(started);
                delay = TimeSpan.FromTicks(Math.Max(RefreshInterval.Ticks, drawTime.Ticks * MaxDrawShare));
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; the final report follows.
        }
    }

    private Spectre.Console.Rendering.IRenderable Frame() =>
        RichLayout.Render(_view, _console.Profile.Width, _timeProvider.GetUtcNow(), _logDirectory);
}
