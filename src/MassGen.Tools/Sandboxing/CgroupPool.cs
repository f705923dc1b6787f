using System.Collections.Concurrent;

namespace MassGen.Tools.Sandboxing;

/// <summary>
/// Reuses the cgroups of one agent's commands: creating and removing a group costs milliseconds, so an emptied group
/// goes back to the pool with its limits already written. Owned by the agent's launcher; disposing it removes every
/// group it holds.
/// </summary>
internal sealed class CgroupPool(CgroupLimiter limiter, int maxProcesses, long memoryBytes) : IDisposable
{
    private readonly ConcurrentBag<CgroupLimiter.CgroupScope> _idle = [];
    private volatile bool _disposed;

    /// <summary>Groups for one command (an idle one, or new), or null when the machine has no usable controller.</summary>
    public CgroupLimiter.CgroupScope? Rent()
    {
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        return limiter.Create(maxProcesses, memoryBytes)?.PooledBy(this);
    }

    /// <summary>Takes back an emptied scope; false when the pool is disposed (the caller removes the groups).</summary>
    public bool Return(CgroupLimiter.CgroupScope scope)
    {
        if (_disposed)
        {
            return false;
        }

        _idle.Add(scope);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.RemoveAll();
        }

        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var scope))
        {
            scope.RemoveAll();
        }
    }
}
