namespace MassGen.Providers;

/// <summary>
/// Reports when a model call's HTTP request has been written to its connection: from then on the call only waits for
/// the provider, and a caller can use the time (write logs, warm code) without delaying the request. A fresh process
/// spends tens of milliseconds between starting a call and writing it (connecting, headers, the body); work started
/// before that competes with it for the CPU.
/// </summary>
/// <remarks>
/// Start the call inside <see cref="Begin"/>: the watch follows the call's asynchronous flow down to the HTTP layer of
/// every provider client this library creates. A call without an HTTP request (a local model, a command-line agent)
/// never reports. A call whose request has not started by the time it first waits (held by a rate limit) reports
/// later, when that request is written: read <see cref="RequestStarted"/> right after starting the call to know whether
/// a report is already on its way.
/// </remarks>
public sealed class RequestSentWatch
{
    private static readonly AsyncLocal<RequestSentWatch?> s_current = new();

    private readonly Action _sent;
    private int _started;
    private int _reported;

    /// <summary>A watch that calls <paramref name="sent"/> once, on the connection's thread: keep it quick.</summary>
    public RequestSentWatch(Action sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        _sent = sent;
    }

    /// <summary>Whether an HTTP request of the watched call has started, so that its sending will be reported.</summary>
    public bool RequestStarted => Volatile.Read(ref _started) == 1;

    /// <summary>The watch of the calls started on the current asynchronous flow, if any.</summary>
    internal static RequestSentWatch? Current => s_current.Value;

    /// <summary>Watches the calls started until the returned scope is disposed (on the same flow, before any await).</summary>
    public Scope Begin()
    {
        var previous = s_current.Value;
        s_current.Value = this;
        return new Scope(previous);
    }

    /// <summary>An HTTP request of the call is on its way to the connection.</summary>
    internal void Started() => Volatile.Write(ref _started, 1);

    /// <summary>A request has been written; only the first one (a retried call sends again) is reported.</summary>
    internal void Sent()
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            _sent();
        }
    }

    /// <summary>Ends a <see cref="Begin"/>: calls started afterwards are no longer watched.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly RequestSentWatch? _previous;

        internal Scope(RequestSentWatch? previous)
        {
            _previous = previous;
        }

        /// <summary>Restores the watch that was current before <see cref="Begin"/>.</summary>
        public void Dispose() => s_current.Value = _previous;
    }
}
