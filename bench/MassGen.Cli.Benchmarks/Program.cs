using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MassGen.Cli;
using MassGen.Cli.Hosting;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing.Providers;
using Spectre.Console;

// Usage: dotnet run -c Release --project bench/MassGen.Cli.Benchmarks [-- --iterations N]
// Needs the launcher's build (run ./massgen --help once first) for the process measurements.
//        dotnet run -c Release --project bench/MassGen.Cli.Benchmarks -- coordination [RUNS [LATENCY_MS [MODES [SIZES]]]]
//          MODES: process,in-process (the default) or one of them; SIZES: team sizes, default 3,10,25,50
//        dotnet run -c Release --project bench/MassGen.Cli.Benchmarks -- recording   (record, replay and resume)
if (args is ["recording", ..])
{
    await MassGen.Cli.Benchmarks.RecordingBenchmark.RunAsync();
    await MassGen.Cli.Benchmarks.ResumeBenchmark.RunAsync();
    return 0;
}

if (args is ["coordination", ..])
{
    var launcherPath = Environment.GetEnvironmentVariable("MASSGEN_BENCH_LAUNCHER") ?? Path.Combine(FindRoot(), "massgen");
    var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
    var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300);
    var modes = args.Length > 3 ? args[3].Split(',') : ["process", "in-process"];
    var sizes = args.Length > 4 ? args[4].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [3, 10, 25, 50];
    await MassGen.Cli.Benchmarks.CoordinationTable.RunAsync(launcherPath, runs, latency, modes, sizes);
    return 0;
}

var iterations = args.Length == 2 && args[0] == "--iterations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var root = FindRoot();
var launcher = Environment.GetEnvironmentVariable("MASSGEN_BENCH_LAUNCHER") ?? Path.Combine(root, "massgen");

Console.WriteLine($"massgen command benchmarks ({iterations} iterations, median; {Environment.ProcessorCount} cores)");
Report("./massgen --help (process start-up)", Measure(iterations, () => RunProcess(launcher, ["--help"], null)));

await using (var server = await FakeProviderServer.StartAsync())
{
    string[] quick = ["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "solo", "--display", "simple", "--no-logs", .. Environment.GetEnvironmentVariable("MASSGEN_BENCH_VERBOSE") is null ? Array.Empty<string>() : ["--debug"]];
    Report("./massgen quick run, fake server, 0 ms latency (process)", Measure(iterations, () =>
    {
        ScriptSolo(server);
        RunProcess(launcher, [.. quick, "What is 2+2?"], root);
    }));
    Report("quick run, fake server, 0 ms latency (in-process)", await MeasureAsync(iterations, async () =>
    {
        ScriptSolo(server);
        var exit = await new MassGenApp(Host(display: false)).RunAsync([.. quick, "What is 2+2?"]);
        Check(exit == 0, "in-process run failed");
    }));
}

var stream = FiftyAgentStream();
Console.WriteLine($"50-agent run: {stream.Count} events replayed through the real pump, log writer and display");
foreach (var (name, display, logs) in new[] { ("silent", "silent", false), ("simple", "simple", false), ("rich", "rich", false), ("silent + logs", "silent", true), ("rich + logs", "rich", true) })
{
    Report($"  {name}", await MeasureAsync(iterations, async () =>
    {
        var host = Host(display: display == "rich", runner: (_, _, _, cancellationToken) => Replay(stream, cancellationToken));
        string[] team = ["--backend", "vllm", "--base-url", "http://127.0.0.1:9/v1", "--models", string.Join(',', Enumerable.Range(1, 50).Select(i => $"m{i}"))];
        var exit = await new MassGenApp(host).RunAsync([.. team, "--display", display, .. logs ? Array.Empty<string>() : ["--no-logs"], "q"]);
        Check(exit == 0, "replayed run failed");
    }));
}

// A run that lasts (events spread over 2 s, as a real team streams): what the display costs in CPU while it goes on.
Console.WriteLine("50-agent run paced over 2 s: wall time and CPU time of the whole process (each display twice; the first pair warms up)");
foreach (var display in new[] { "silent", "rich", "silent", "rich" })
{
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var host = Host(display: display == "rich", runner: (_, _, _, cancellationToken) => Paced(stream, TimeSpan.FromSeconds(2), cancellationToken));
    string[] team = ["--backend", "vllm", "--base-url", "http://127.0.0.1:9/v1", "--models", string.Join(',', Enumerable.Range(1, 50).Select(i => $"m{i}"))];
    Check(await new MassGenApp(host).RunAsync([.. team, "--display", display, "--no-logs", "q"]) == 0, "paced run failed");
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {display,-60} {watch.Elapsed.TotalMilliseconds,8:0.0} ms wall, {cpu.TotalMilliseconds,7:0} ms CPU"));
}

var view = new MassGen.Cli.Displays.RunView();
foreach (var coordinationEvent in stream.Take(stream.Count / 2))
{
    view.Apply(coordinationEvent);
}

var frameConsole = Host(display: true).Console;
Report("  one rich frame, 50 agents, 200 columns (draw)", Measure(iterations * 4, () =>
    frameConsole.Write(MassGen.Cli.Displays.RichLayout.Render(view, 200, DateTimeOffset.UnixEpoch, "logs"))));
return 0;

static CliHost Host(bool display, Func<IReadOnlyList<AgentDefinition>, OrchestratorOptions, CoordinationRequest, CancellationToken, IAsyncEnumerable<CoordinationEvent>>? runner = null)
{
    // A real ANSI terminal profile writing to nowhere: the display renders every frame as it would on screen.
    var console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.TrueColor,
        Interactive = display ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(TextWriter.Null),
    });
    console.Profile.Width = 200;
    console.Profile.Height = 60;
    var work = Path.Combine(Path.GetTempPath(), "massgen-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(work);
    return new CliHost
    {
        Console = console,
        Output = TextWriter.Null,
        Error = Console.Error,
        IsTerminal = display,
        WorkingDirectory = work,
        HomeDirectory = work,
        EnvironmentVariables = new Dictionary<string, string>(),
        CoordinationRunner = runner,
    };
}

static void ScriptSolo(FakeProviderServer server)
{
    server.Enqueue("solo", FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = "4" }.ToJsonString()));
    server.Enqueue("solo", FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = "agent1", ["reason"] = "right" }.ToJsonString()));
    server.Enqueue("solo", FakeTurn.Text("The answer is 4."));
}

static List<CoordinationEvent> FiftyAgentStream()
{
    var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var agents = Enumerable.Range(1, 50).Select(i => new AgentLabel($"m{i}", $"agent{i}", $"vllm/m{i}")).ToList();
    var events = new List<CoordinationEvent> { new RunStarted("q", 1, agents) };
    events.AddRange(agents.Select(a => new TurnStarted(a.AgentId, a.Label, 1, 0, TurnKind.Coordination, true)));
    for (var chunk = 0; chunk < 100; chunk++)
    {
        events.AddRange(agents.Select(a => new TextDelta(a.AgentId, 1, "some streamed text ")));
    }

    var usage = new TokenUsage { InputTokens = 1000, OutputTokens = 400 };
    foreach (var (agent, index) in agents.Select((a, i) => (a, i)))
    {
        events.Add(new UsageReported(agent.AgentId, 1, usage, usage));
        events.Add(new AnswerAccepted(agent.AgentId, agent.Label, index + 1, 1, "answer of " + agent.AgentId));
    }

    events.AddRange(agents.Select(a => new VoteCounted(a.AgentId, a.Label, "m1", "agent1", "best", 50)));
    var tally = new[] { new TallyEntry("m1", "agent1", 50) };
    events.Add(new ConsensusReached("m1", "agent1", tally, TerminationReason.Consensus, false));
    events.Add(new PresentationStarted("m1", "agent1"));
    events.AddRange(Enumerable.Range(0, 200).Select(_ => new FinalAnswerDelta("final words ")));
    events.Add(new PresentationFinished(PresentationOutcome.Presented, null));
    events.Add(new RunFinished(new CoordinationResult
    {
        FinalAnswer = string.Concat(Enumerable.Repeat("final words ", 200)),
        WinnerId = "m1",
        WinnerLabel = "agent1",
        TerminationReason = TerminationReason.Consensus,
        Agents = agents,
        Tally = tally,
        StartedAt = start,
        FinishedAt = start.AddSeconds(60),
    }));
    return [.. events.Select((e, i) => e with { Sequence = i + 1, Timestamp = start.AddMilliseconds(i) })];
}

static async IAsyncEnumerable<CoordinationEvent> Replay(List<CoordinationEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
{
    foreach (var coordinationEvent in events)
    {
        cancellationToken.ThrowIfCancellationRequested();
        yield return coordinationEvent;
    }

    await Task.CompletedTask;
}

static async IAsyncEnumerable<CoordinationEvent> Paced(List<CoordinationEvent> events, TimeSpan duration, [EnumeratorCancellation] CancellationToken cancellationToken = default)
{
    const int Batches = 40;
    var perBatch = (events.Count + Batches - 1) / Batches;
    for (var i = 0; i < events.Count; i++)
    {
        if (i > 0 && i % perBatch == 0)
        {
            await Task.Delay(duration / Batches, cancellationToken);
        }

        yield return events[i];
    }
}

static void RunProcess(string launcher, string[] arguments, string? workingDirectory)
{
    var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var lines = new System.Text.StringBuilder();
    var output = Task.Run(async () =>
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Append(watch.ElapsedMilliseconds).Append(" ms ").AppendLine(line);
        }

        return lines.ToString();
    });
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (Environment.GetEnvironmentVariable("MASSGEN_BENCH_VERBOSE") is not null)
    {
        Console.WriteLine($"exit after {watch.ElapsedMilliseconds} ms:\n{output.Result}{error.Result}");
    }

    Check(process.ExitCode == 0, $"{launcher} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
}

static TimeSpan Measure(int iterations, Action action)
{
    action();
    var times = new List<TimeSpan>();
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed);
    }

    return times.Order().ElementAt(times.Count / 2);
}

static async Task<TimeSpan> MeasureAsync(int iterations, Func<Task> action)
{
    await action();
    var times = new List<TimeSpan>();
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed);
    }

    return times.Order().ElementAt(times.Count / 2);
}

static void Report(string name, TimeSpan median) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-62} {median.TotalMilliseconds,8:0.0} ms"));

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MassGen.slnx")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmarks from inside the repository.");
}
