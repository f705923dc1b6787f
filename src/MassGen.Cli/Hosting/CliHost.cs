using System.Collections;
using MassGen.Cli.Diagnostics;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Hosting;

/// <summary>
/// Everything the command touches outside itself: the terminal, standard streams, environment variables, folders, the
/// clock and the network probes. The real program passes the process's own; tests pass their own so the whole command
/// runs in-process.
/// </summary>
public sealed class CliHost
{
    private readonly Lazy<RunTimeline?> _timeline;

    /// <summary>Creates a host; every required property is set by the caller.</summary>
    public CliHost()
    {
        // Decided on first use: the required properties are set only after the constructor has run.
        _timeline = new(CreateTimeline);
    }

    /// <summary>The terminal the live display renders to (standard error when <c>--json</c> claims standard output).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Standard output: the JSON result (<c>--json</c>) and plain listings go here.</summary>
    public required TextWriter Output { get; init; }

    /// <summary>Standard error: messages about what went wrong.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input, read line by line in interactive mode.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when <see cref="Console"/> is a real interactive terminal (the rich display needs one).</summary>
    public bool IsTerminal
    {
        get => IsTerminalCheck.Value;
        init => IsTerminalCheck = new(() => value);
    }

    // Answered when first asked: for an output that is not redirected, asking creates the console.
    private Lazy<bool> IsTerminalCheck { get; init; } = new(() => false);

    /// <summary>The folder the command works in; <c>.massgen/</c> lives under it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The user's home folder (for <c>~/.massgen/.env</c> and <c>~/.config/massgen/</c>).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The environment variables the command may read (API keys, <c>MASSGEN_EXAMPLES_DIR</c>).</summary>
    public required IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; }

    /// <summary>The clock for run ids, elapsed time and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler used to probe local model servers (Ollama, LM Studio); the default network stack when null.</summary>
    public HttpMessageHandler? ProbeHandler { get; init; }

    /// <summary>How long a local-server probe may take before the server counts as absent.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Runs one coordination. The real Orchestrator when null; tests and benchmarks may replace it to drive the command
    /// with a hand-built event stream.
    /// </summary>
    public Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>>? CoordinationRunner { get; init; }

    /// <summary>Called with the OpenAI base URL once <c>massgen serve</c> listens (tests find the port here).</summary>
    public Action<Uri>? ServerStarted { get; init; }

    /// <summary>
    /// Rehearse a run in the background while the first real model calls are in flight (<see cref="Runs.Rehearsal"/>):
    /// only the real program does, where a fresh process would otherwise compile that code on the run's critical path.
    /// </summary>
    internal bool Rehearses { get; init; }

    /// <summary>Milestones on standard error when <c>MASSGEN_TIMELINE</c> is set (<see cref="RunTimeline"/>), otherwise null.</summary>
    internal RunTimeline? Timeline => _timeline.Value;

    private RunTimeline? CreateTimeline() => RunTimeline.FromEnvironment(EnvironmentVariables, Error);

    /// <summary>Creates a host from the running process: its console, streams, environment and folders.</summary>
    /// <param name="consoleOnStandardError">Render the display on standard error so standard output carries only JSON.</param>
    public static CliHost FromProcess(bool consoleOnStandardError)
    {
        // Made when first needed: a run that never writes to the terminal does not set it up (about 20 ms at start).
        var console = new LazyAnsiConsole(() => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(consoleOnStandardError ? System.Console.Error : System.Console.Out),
        }));
        var redirected = consoleOnStandardError ? System.Console.IsErrorRedirected : System.Console.IsOutputRedirected;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new CliHost
        {
            Console = console,
            Output = System.Console.Out,
            Error = System.Console.Error,
            Input = System.Console.In,
            IsTerminalCheck = new(() => !redirected && console.Profile.Capabilities.Interactive),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            EnvironmentVariables = variables,
            Rehearses = true,
        };
    }

    /// <summary>The value of an environment variable, or null when it is unset or empty.</summary>
    public string? GetVariable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
