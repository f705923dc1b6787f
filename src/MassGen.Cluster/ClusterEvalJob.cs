using System.Collections.Concurrent;
using System.Globalization;
using MassGen.Cluster.Grains;

namespace MassGen.Cluster;

/// <summary>
/// The sending side of <c>massgen eval --cluster</c>: each model call of the eval goes through the eval job grain to an
/// eval call grain on a random silo, and its outcome comes back through long polls. A call whose silo dies is made
/// again on another one (the polls fail until the cluster has moved it).
/// </summary>
/// <param name="grains">The cluster's grains.</param>
/// <param name="jobId">The job's id, new for each eval process (its call grains are <c>JOB/N</c>).</param>
/// <param name="team">The team's name, as every node serves it.</param>
/// <param name="timeProvider">Times the retries.</param>
public sealed class ClusterEvalJob(IGrainFactory grains, string jobId, string team, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, int> _callsPerSilo = new(StringComparer.Ordinal);
    private int _sent;
    private int _redone;

    /// <summary>The job's id.</summary>
    public string JobId { get; } = jobId;

    /// <summary>How many of the calls that ended ran on each silo (the last attempt's silo).</summary>
    public IReadOnlyDictionary<string, int> CallsPerSilo => _callsPerSilo;

    /// <summary>Calls that were made more than once because their silo died under them.</summary>
    public int Redone => Volatile.Read(ref _redone);

    /// <summary>A new job id: the time and a random part, so that no two evals share their call grains.</summary>
    public static string NewJobId(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return string.Create(CultureInfo.InvariantCulture, $"eval-{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..12]}");
    }

    /// <summary>Sends one call and waits for its outcome (an <c>EvalCallSender</c> of MassGen.Evaluation).</summary>
    /// <exception cref="InvalidOperationException">The node could not make the call (it serves no such team, for one).</exception>
    public async Task<string> SendAsync(string call, CancellationToken cancellationToken)
    {
        var key = Interlocked.Increment(ref _sent).ToString("D6", CultureInfo.InvariantCulture);
        var job = grains.GetGrain<IEvalJobGrain>(JobId);
        var snapshot = await RunWatcher.RetryAsync(() => job.StartCallAsync(key, new EvalCallSpec(team, call)), timeProvider).WaitAsync(cancellationToken);
        var grain = grains.GetGrain<IEvalCallGrain>(snapshot.Key);
        try
        {
            while (snapshot.Status == RunStatus.Running)
            {
                snapshot = await RunWatcher.RetryAsync(() => grain.WaitAsync(RunWatcher.PollWait), timeProvider).WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The eval was stopped: the call is abandoned where it runs too (best effort; a resume makes it again).
            grain.StopAsync().Ignore();
            throw;
        }

        _callsPerSilo.AddOrUpdate(snapshot.Silo ?? "?", 1, (_, n) => n + 1);
        if (snapshot.Attempts > 1)
        {
            Interlocked.Increment(ref _redone);
        }

        return snapshot.Status == RunStatus.Finished
            ? snapshot.Outcome!
            : throw new InvalidOperationException(snapshot.Error ?? "The eval call ended without an outcome.");
    }
}
