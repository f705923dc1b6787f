namespace MassGen.Providers.Internal;

/// <summary>The provider sent nothing for longer than the idle timeout.</summary>
internal sealed class StreamIdleTimeoutException(TimeSpan idleTimeout, bool beforeFirstChunk)
    : TimeoutException($"no data from the provider for {idleTimeout.TotalSeconds:0.#} s {(beforeFirstChunk ? "before the first chunk" : "in the middle of the stream")}")
{
    public TimeSpan IdleTimeout { get; } = idleTimeout;

    public bool BeforeFirstChunk { get; } = beforeFirstChunk;
}
