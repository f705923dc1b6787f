using MassGen.Testing.Services;

namespace MassGen.Cluster.Tests;

/// <summary>A fact that skips, saying why, when no Redis server can be had on this machine.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (TestRedis.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
