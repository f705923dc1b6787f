using System.Threading.Channels;
using MassGen.Core.Coordination;

namespace MassGen.Server.Runs;

/// <summary>
/// One run's events as they happen, for any number of watchers: each new watcher first gets every event so far, then
/// the live ones, and its stream ends with the run. A slow watcher only slows itself (each has its own queue).
/// </summary>
internal sealed class LiveRun(string runId, string model, string question, DateTimeOffset startedAt, CoordinationControl control)
{
    private readonly List<ServedEvent> _events = [];
    private readonly List<Channel<ServedEvent>> _watchers = [];
    private bool _finished;
    private volatile bool _resultPublished;

    public string RunId { get; } = runId;

    public string Model { get; } = model;

    /// <summary>The task the run works on (the request's last user message).</summary>
    public string Question { get; } = question;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Steers the run: <c>POST /v1/runs/{id}/answer-now</c> calls <see cref="CoordinationControl.AnswerNow"/>.</summary>
    public CoordinationControl Control { get; } = control;

    /// <summary>
    /// True once <c>run_finished</c> has been published: a watcher may already hold the result while the run is still
    /// being removed from the live runs, and steering it then must answer as for a finished run.
    /// </summary>
    public bool HasResult => _resultPublished;

    public void Publish(ServedEvent servedEvent)
    {
        lock (_events)
        {
            _events.Add(servedEvent);
            _resultPublished |= servedEvent.IsResult;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(servedEvent);
            }
        }
    }

    public void Finish()
    {
        lock (_events)
        {
            _finished = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    public ChannelReader<ServedEvent> Watch()
    {
        var channel = Channel.CreateUnbounded<ServedEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_events)
        {
            foreach (var servedEvent in _events)
            {
                channel.Writer.TryWrite(servedEvent);
            }

            if (_finished)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        return channel.Reader;
    }

    public void Unwatch(ChannelReader<ServedEvent> reader)
    {
        lock (_events)
        {
            _watchers.RemoveAll(c => c.Reader == reader);
        }
    }
}

/// <summary>A coordination event ready to send: its type, its JSON, and whether it is the run's result (<c>run_finished</c>).</summary>
internal sealed record ServedEvent(string Type, string Json, bool IsResult = false);
