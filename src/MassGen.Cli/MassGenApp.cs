using System.CommandLine;
using MassGen.Cli.Commands;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Server.Telemetry;

namespace MassGen.Cli;

/// <summary>
/// The <c>massgen</c> command as a class: parses the arguments and runs the command in-process against the given host.
/// The program's <c>Main</c> is a thin shell around it; tests call it directly.
/// </summary>
public sealed class MassGenApp
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;

    /// <summary>Creates the command for a host.</summary>
    public MassGenApp(CliHost host)
        : this(host, new ConfigTeamLoader(host))
    {
    }

    internal MassGenApp(CliHost host, ITeamLoader loader)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _loader = loader;
    }

    /// <summary>
    /// Runs the command and returns its exit code (<see cref="ExitCodes"/>). Cancelling
    /// <paramref name="cancellationToken"/> is the first Ctrl+C: the run stops gracefully with the best available
    /// answer and complete logs, and the exit code is 130.
    /// </summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);

        var debug = args.Contains("--debug");

        // Traces and metrics leave only when OTEL_EXPORTER_OTLP_* asks; disposing flushes them before the process ends.
        // The server sets up its own export, with its own service name.
        using var telemetry = args.Count > 0 && args[0] == "serve" ? null : TelemetrySetup.StartForCommand(_host.EnvironmentVariables);
        try
        {
            var root = CommandLine.Build(_host, _loader);
            var invocation = new InvocationConfiguration
            {
                Output = _host.Output,
                Error = _host.Error,

                // Ctrl+C belongs to the caller (first press graceful, second aborts); the parser must not install its own.
                ProcessTerminationTimeout = null,

                // Unexpected failures get one readable line instead of the parser's stack trace (below).
                EnableDefaultExceptionHandler = false,
            };

            // No response files: `@examples/NAME` and questions that start with '@' are plain words.
            var parsing = new ParserConfiguration { ResponseFileTokenReplacer = null };
            var parsed = root.Parse(args, parsing);
            _host.Timeline?.Mark("command line parsed");
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await _host.Error.WriteLineAsync($"massgen: {exception.Message}");
            await _host.Error.WriteLineAsync(debug
                ? exception.ToString()
                : "This is not a problem massgen knows about. Run again with --debug for the full error.");
            return ExitCodes.UsageError;
        }
    }
}
