using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace MassGen.Cluster;

/// <summary>
/// How every MassGen silo is set up, in <c>massgen serve --cluster</c> and in the tests alike: membership, grain state
/// and reminders in one Redis server, the cluster named <see cref="ClusterId"/>.
/// </summary>
public static class ClusterSilo
{
    /// <summary>The grain store of runs and of the run index.</summary>
    public const string StorageName = "massgen";

    /// <summary>The cluster's default name (also its service id, the prefix of its grain state): the nodes that share a Redis server and a name form one cluster.</summary>
    public const string ClusterId = "massgen";

    /// <summary>How often an unwatched run's reminder ticks, which is how soon another silo takes up the run of a dead one.</summary>
    public static TimeSpan DefaultReminderPeriod { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a leaving silo waits for a stopped run to finish its log.</summary>
    public static TimeSpan EngineStopWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Membership, grain storage and reminders in Redis, and the services the grains need. <paramref name="engine"/>
    /// runs the teams on this silo, <paramref name="evalCalls"/> the eval calls (none: they fail here and say so).
    /// </summary>
    /// <exception cref="ArgumentException">The Redis connection string cannot be read.</exception>
    public static ISiloBuilder Configure(
        ISiloBuilder silo, string redis, Func<IServiceProvider, IRunEngine> engine, TimeSpan? reminderPeriod = null, Func<IServiceProvider, IEvalCallEngine>? evalCalls = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(engine);
        var options = ParseRedis(redis);
        silo.UseRedisClustering(o => o.ConfigurationOptions = options.Clone());
        silo.AddRedisGrainStorage(StorageName, o => o.ConfigurationOptions = options.Clone());
        silo.UseRedisReminderService(o => o.ConfigurationOptions = options.Clone());
        var period = reminderPeriod ?? DefaultReminderPeriod;
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = period < o.MinimumReminderPeriod ? period : o.MinimumReminderPeriod);
        silo.Services.AddSingleton(new ClusterTimings(period));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton(engine);
        silo.Services.AddSingleton(evalCalls ?? (_ => new NoEvalCalls()));
        return silo;
    }

    /// <summary>The connection string as StackExchange.Redis reads it (<c>host:port</c>, with options after commas).</summary>
    /// <exception cref="ArgumentException">It cannot be read; the message says how to write it.</exception>
    public static ConfigurationOptions ParseRedis(string redis)
    {
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new ArgumentException("The cluster's Redis address is empty: give host:port, e.g. --cluster 127.0.0.1:6379.", nameof(redis));
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(redis);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"The cluster's Redis address '{redis}' cannot be read ({e.Message}): give host:port, e.g. --cluster 127.0.0.1:6379.", nameof(redis), e);
        }

        return options.EndPoints.Count > 0
            ? options
            : throw new ArgumentException($"The cluster's Redis address '{redis}' names no server: give host:port, e.g. --cluster 127.0.0.1:6379.", nameof(redis));
    }
}

/// <summary>The cluster's timings, as the silo was configured with them.</summary>
/// <param name="ReminderPeriod">How often an unwatched run's reminder ticks.</param>
public sealed record ClusterTimings(TimeSpan ReminderPeriod);
