using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

// A deterministic MCP server for tests, speaking stdio. Every tool exists to provoke one client behaviour, and so do
// the start modes: --crash-at-start ends the process before the handshake, --hang-at-start never answers it.
if (args.Contains("--crash-at-start"))
{
    await Console.Error.WriteLineAsync("test server: crashing at start on purpose");
    return 3;
}

if (args.Contains("--hang-at-start"))
{
    // Reads the handshake and never answers; ends when the client closes stdin, so no process outlives a test.
    await Console.In.ReadToEndAsync();
    return 0;
}

var flakyCalls = 0;
var options = new McpServerOptions
{
    ServerInfo = new() { Name = "massgen-test-server", Version = "1.0" },
    ToolCollection =
    [
        McpServerTool.Create(
            [Description("Returns the text it was given.")] (string text) => $"echo: {text}",
            new() { Name = "echo" }),
        McpServerTool.Create(
            [Description("Adds two integers.")] (int a, int b) => (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { Name = "add" }),
        McpServerTool.Create(
            [Description("Returns the value of an environment variable of the server process.")] (string name) => Environment.GetEnvironmentVariable(name) ?? "(not set)",
            new() { Name = "get_env" }),
        McpServerTool.Create(
            [Description("Returns the server's process id.")] () => Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { Name = "pid" }),
        McpServerTool.Create(
            [Description("Never answers (until cancelled).")] async (CancellationToken cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "unreachable";
            },
            new() { Name = "hang" }),
        McpServerTool.Create(
            [Description("Ends the server process at once with exit code 3.")] () =>
            {
                Environment.Exit(3);
                return "unreachable";
            },
            new() { Name = "crash" }),
        McpServerTool.Create(
            [Description("Fails with an internal error on the first `failures` calls, then succeeds.")] (int failures) =>
            {
                var call = Interlocked.Increment(ref flakyCalls);
                if (call <= failures)
                {
                    throw new McpProtocolException($"flaky failure {call}", McpErrorCode.InternalError);
                }

                return $"succeeded on call {call}";
            },
            new() { Name = "flaky" }),
        McpServerTool.Create(
            [Description("Reports a tool error (isError) with a message.")] (string message) =>
            {
                throw new McpException(message);
#pragma warning disable CS0162 // The lambda needs a return type.
                return "unreachable";
#pragma warning restore CS0162
            },
            new() { Name = "fail" }),
    ],
};

await using var server = McpServer.Create(new StdioServerTransport(options), options);
await server.RunAsync();
return 0;
