using System.Runtime.CompilerServices;
using MassGen.Cluster.Grains;
using MassGen.Core.Coordination;

namespace MassGen.Cluster;

/// <summary>
/// Reads a run grain's events as they happen, from any node, through long polls. When the run's silo dies, calls fail
/// until another silo has taken the run up; then its events start over from <c>run_started</c> (the run resumed or
/// started over), and the stream ends with <c>run_finished</c>, once, when the run has ended.
/// </summary>
internal static class RunWatcher
{
    /// <summary>How long one poll waits for news; also how soon "answer now" or a stop reaches the run.</summary>
    public static TimeSpan PollWait { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause before asking again after a call failed.</summary>
    public static TimeSpan RetryPause { get; } = TimeSpan.FromMilliseconds(200);

    // About a minute of retries: long enough for the cluster to declare a crashed silo dead.
    private const int MaxTries = 300;

    /// <summary>
    /// The events' JSON. With <paramref name="owner"/> (the request that started the run) cancelling stops the run
    /// and its last events still come, as for a local run, and "answer now" is passed on; without, cancelling only
    /// stops the reading.
    /// </summary>
    public static async IAsyncEnumerable<string> ReadAsync(
        IRunGrain run, RunOwner? owner, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var attempt = -1;
        var from = 0;
        var answerNowSent = false;
        var stopSent = false;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                if (owner is null)
                {
                    yield break;
                }

                if (!stopSent)
                {
                    stopSent = true;
                    await RetryAsync(run.StopAsync, timeProvider);
                }
            }

            if (owner?.Control?.AnswerNowRequested == true && !answerNowSent)
            {
                answerNowSent = true;
                await RetryAsync(run.AnswerNowAsync, timeProvider);
            }

            var (asked, start) = (attempt, from);
            var page = await RetryAsync(() => run.WaitEventsAsync(asked, start, PollWait), timeProvider);
            if (page.Attempt != attempt)
            {
                attempt = page.Attempt;
                from = 0;
            }

            foreach (var json in page.Events)
            {
                from++;
                yield return json;
            }

            if (page.Status is RunStatus.None)
            {
                yield break;
            }

            if (page.Status is RunStatus.Finished or RunStatus.Failed)
            {
                // Its events are gone when the grain was collected since it ended: its last event is in the store. A
                // page holds run_finished only with the run's final status, so a reader that got it has stopped already.
                if (page.Events.Length == 0 && page.FinishedEvent is { } last)
                {
                    yield return last;
                }

                yield break;
            }
        }
    }

    /// <summary>Calls until the call gets through: while a dead silo's runs move, calls to them fail for a moment.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeProvider timeProvider)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && tries < MaxTries)
            {
                await Task.Delay(RetryPause, timeProvider);
            }
        }
    }

    public static Task RetryAsync(Func<Task> call, TimeProvider timeProvider) =>
        RetryAsync(async () => { await call(); return true; }, timeProvider);
}

/// <summary>The request a run belongs to: its steering.</summary>
internal sealed record RunOwner(CoordinationControl? Control);
