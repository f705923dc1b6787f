using System.Runtime.CompilerServices;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Core.Teams;

namespace MassGen.Server.Tests;

/// <summary>
/// A team whose runs start at once and then wait for <see cref="Release"/> before answering: the server under test
/// sees a real <see cref="TeamChatClient"/>, and the test decides when each run ends.
/// </summary>
internal sealed class HeldTeam
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    /// <param name="answer">What each run answers once released.</param>
    /// <param name="fails">Whether each run ends without an answer instead.</param>
    /// <param name="afterFinished">
    /// What each run's event stream waits for after its <c>run_finished</c> before it ends: what happens between the two
    /// (the server tidying up after a run) takes as long as the test wants.
    /// </param>
    public HeldTeam(string answer = "Held answer.", bool fails = false, Task? afterFinished = null)
    {
        Client = new TeamChatClient("held", (request, cancellationToken) => new TeamRun($"held-{Interlocked.Increment(ref _runs)}", RunAsync(answer, fails, afterFinished, cancellationToken)));
    }

    public TeamChatClient Client { get; }

    /// <summary>Completes when the first run has started.</summary>
    public Task Started => _started.Task;

    public void Release() => _release.TrySetResult();

    private async IAsyncEnumerable<CoordinationEvent> RunAsync(string answer, bool fails, Task? afterFinished, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new RunStarted("task", 1, [new AgentLabel("a", "agent1", "fake")]) { Sequence = 1 };
        _started.TrySetResult();
        var interrupted = false;
        try
        {
            await _release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
        }

        if (!interrupted && !fails)
        {
            yield return new FinalAnswerDelta(answer) { Sequence = 2 };
        }

        yield return new RunFinished(new CoordinationResult
        {
            TerminationReason = interrupted ? TerminationReason.Interrupted : fails ? TerminationReason.AllFailed : TerminationReason.Consensus,
            TerminationDetail = fails ? "every agent failed" : null,
            FinalAnswer = interrupted || fails ? null : answer,
            TotalUsage = new TokenUsage { InputTokens = 7, OutputTokens = 3 },
        })
        { Sequence = 3 };

        if (afterFinished is not null)
        {
            await afterFinished.WaitAsync(cancellationToken);
        }
    }
}
