namespace MassGen.Testing.Http;

/// <summary>
/// A real HTTP connection that opens only when <paramref name="connected"/> completes (or fails with it): a connection
/// still being opened, held as long as a test needs, without a delay.
/// </summary>
public sealed class SlowToConnectHandler(Task connected) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request waits for the connection.</summary>
    public Task Waiting => _waiting.Task;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _waiting.TrySetResult();
        await connected.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
