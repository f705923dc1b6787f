using System.Diagnostics;
using System.Threading.Channels;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Displays;

/// <summary>
/// The live display: one column per agent and a footer, redrawn on a fixed cadence (not per event, so a chatty team
/// of fifty agents costs the same to draw as a quiet one), then the vote table and the final answer. With a
/// <see cref="CoordinationControl"/>, pressing <see cref="AnswerNowKey"/> stops coordination and has the best answer so
/// far presented (Ctrl+C still interrupts).
/// </summary>
internal sealed class RichTerminalDisplay : IRunDisplay
{
    private readonly IAnsiConsole _console;
    private readonly RunView _view;
    private readonly TimeProvider _timeProvider;
    private readonly string? _logDirectory;
    private const int MaxDrawShare = 5;
    private readonly Lock _gate = new();
    private readonly CoordinationControl? _control;

    /// <summary>The key that asks for the answer now.</summary>
    public const char AnswerNowKey = 'a';

    public RichTerminalDisplay(IAnsiConsole console, RunView view, TimeProvider timeProvider, string? logDirectory, CoordinationControl? control = null)
    {
        _console = console;
        _view = view;
        _timeProvider = timeProvider;
        _logDirectory = logDirectory;
        _control = control;
        _view.AnswerNowAvailable = control is not null;
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
                var keys = _control is null ? Task.CompletedTask : ListenForKeysAsync(_control, stopRedraw.Token);
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
                    await keys;
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

    /// <summary>Reads keys while the run is live; the answer-now key asks once, other keys are ignored.</summary>
    private async Task ListenForKeysAsync(CoordinationControl control, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && !control.AnswerNowRequested)
            {
                var key = await _console.Input.ReadKeyAsync(intercept: true, cancellationToken);
                if (key is { } pressed && char.ToLowerInvariant(pressed.KeyChar) == AnswerNowKey)
                {
                    control.AnswerNow();
                    lock (_gate)
                    {
                        _view.AnswerNowAvailable = false;
                        _view.AnswerNowRequested = true;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (InvalidOperationException)
        {
            // No keyboard (input redirected): the key is simply not available; Ctrl+C still stops the run.
            lock (_gate)
            {
                _view.AnswerNowAvailable = false;
            }
        }
    }

    private Spectre.Console.Rendering.IRenderable Frame() =>
        RichLayout.Render(_view, _console.Profile.Width, _timeProvider.GetUtcNow(), _logDirectory);
}
