using MassGen.Tools.Commands;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MassGen.Tools.Mcp;

/// <summary>
/// A stdio transport whose server process is started on the <see cref="ProcessStarter"/> thread: a sandboxed server
/// (bubblewrap with <c>--die-with-parent</c>) forked from a thread-pool thread would be killed when that thread retires.
/// The SDK's stdio transport starts its process synchronously inside <c>ConnectAsync</c>.
/// </summary>
internal sealed class StartedOnStarterThread(IClientTransport inner) : IClientTransport
{
    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        await await ProcessStarter.RunAsync(() => inner.ConnectAsync(cancellationToken));
}
