using System.Net;
using System.Net.Sockets;
using MassGen.Testing;
using Microsoft.Extensions.AI;

namespace MassGen.Providers.Tests;

public sealed class ConnectionFailureTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [InlineData("chatcompletion")]
    [InlineData("openai")]
    [InlineData("claude")]
    public async Task Streaming_NothingListening_RetriedThenFailsNamingTheUrl(string type)
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}/v1");
        var time = new SignallingTimeProvider();
        using var client = ProviderFactory.Create("lonely", new BackendSettings(type) { Model = "m", ApiKey = "k", BaseUrl = url, MaxRetries = 1 },
            new ProviderContext { TimeProvider = time });
        var backOff = time.WaitForTimerAsync(due => due > TimeSpan.Zero && due < ProviderFactory.DefaultIdleTimeout);

        var call = Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in client.ChatClient.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], client.ChatOptions))
            {
            }
        });
        time.Advance(await backOff);
        var error = await call;

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("could not reach http://127.0.0.1:", error.Message);
        Assert.Contains("check that base_url", error.Fix);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
