using MassGen.Cli.Hosting;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace MassGen.Cli.Tests.Support;

/// <summary>A host for in-process runs: a test console at a fixed width, captured streams, a temporary working folder.</summary>
internal sealed class TestHost : IDisposable
{
    public TestHost(
        Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>>? runner = null,
        IReadOnlyDictionary<string, string>? variables = null,
        string input = "",
        HttpMessageHandler? probeHandler = null,
        Action<Uri>? serverStarted = null,
        FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(EventScript.Start);
        WorkingDirectory = Directory.CreateTempSubdirectory("massgen-cli-").FullName;
        Console = new TestConsole().Width(120);
        Console.Profile.Capabilities.Ansi = false;
        Host = new CliHost
        {
            Console = Console,
            Output = Output,
            Error = Error,
            Input = new StringReader(input),
            IsTerminal = false,
            WorkingDirectory = WorkingDirectory,
            HomeDirectory = Path.Combine(WorkingDirectory, "home"),
            EnvironmentVariables = variables ?? new Dictionary<string, string>(),
            TimeProvider = Time,
            CoordinationRunner = runner,
            ProbeHandler = probeHandler ?? new RefusingHandler(),
            ServerStarted = serverStarted,
        };
    }

    public FakeTimeProvider Time { get; }

    public TestConsole Console { get; }

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public string WorkingDirectory { get; }

    public CliHost Host { get; }

    public string LogsRoot => Path.Combine(WorkingDirectory, ".massgen", "logs");

    public void Dispose()
    {
        Console.Dispose();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not fail a test.
        }
    }

    /// <summary>A probe handler with nothing listening: every local server is absent.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (test)");
    }
}
