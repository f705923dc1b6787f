namespace MassGen.Core.Coordination;

/// <summary>
/// Steers a coordination while it runs. Give one to <see cref="CoordinationRequest.Control"/>, then call
/// <see cref="AnswerNow"/> from any thread (a button, a key): coordination stops gracefully and the leading answer is
/// presented as the final answer (termination reason <c>AnswerNow</c>). Before any agent has answered, the request
/// waits for the first accepted answer. Unlike cancelling the run's token (an interruption), the winner still presents.
/// </summary>
public sealed class CoordinationControl
{
    private readonly Lock _gate = new();
    private Action? _onAnswerNow;

    /// <summary>True once <see cref="AnswerNow"/> was called.</summary>
    public bool AnswerNowRequested { get; private set; }

    /// <summary>Asks the run to stop coordinating and present the best answer so far. Calling it again does nothing.</summary>
    public void AnswerNow()
    {
        Action? notify;
        lock (_gate)
        {
            if (AnswerNowRequested)
            {
                return;
            }

            AnswerNowRequested = true;
            notify = _onAnswerNow;
        }

        notify?.Invoke();
    }

    /// <summary>Called by the run when it starts: a request made before then is delivered at once.</summary>
    internal void Attach(Action onAnswerNow)
    {
        bool already;
        lock (_gate)
        {
            _onAnswerNow = onAnswerNow;
            already = AnswerNowRequested;
        }

        if (already)
        {
            onAnswerNow();
        }
    }
}
