using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MassGen.Testing.Services;

/// <summary>
/// The Redis server of the cluster tests: the one .ci/run started (its address in <see cref="Variable"/>), or else a
/// private redis-server on a free loopback port in a temporary folder, saving nothing, stopped when the tests end.
/// </summary>
public static class TestRedis
{
    /// <summary>The variable that holds the address (<c>127.0.0.1:PORT</c>) of a Redis server the tests may use.</summary>
    public const string Variable = "MASSGEN_TEST_REDIS";

    private static readonly Lazy<Task<string>> s_address = new(StartAsync);

    /// <summary>Why the Redis tests cannot run here, or null when they can.</summary>
    public static string? SkipReason { get; } =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || FindServer() is not null
            ? null
            : $"redis-server is not installed and {Variable} is not set: the cluster tests need Redis (.ci/install-fixtures installs it)";

    /// <summary>The address of the server, starting the private one on first use.</summary>
    public static Task<string> AddressAsync() => s_address.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var server = FindServer() ?? throw new InvalidOperationException(SkipReason);
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("massgen-redis-");
        var start = new ProcessStartInfo(server) { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder.FullName })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            process.Kill();
            process.Dispose();
            folder.Delete(recursive: true);
        };

        var address = $"127.0.0.1:{port}";
        for (var tries = 0; tries < 200; tries++)
        {
            if (await PingAsync(port))
            {
                return address;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer on {address}.");
    }

    private static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string? FindServer() => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "redis-server"))
        .FirstOrDefault(File.Exists);
}
