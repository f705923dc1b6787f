using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassGen.Cli.Hosting;
using MassGen.Testing.Providers;
using Spectre.Console;

namespace MassGen.Cli.Benchmarks;

/// <summary>
/// Whole runs of N agents against the fake provider server with a fixed latency per model call, as a process (the
/// launcher) and in-process (the same command through <see cref="MassGenApp"/>). Each model answers once, then votes
/// for the first label it is offered, then presents. Reports calls, input tokens (request bytes / 4, what the fake
/// server also reports as usage), stale votes, the run's span over its longest chain of dependent calls, and the time
/// from start to the first request.
/// </summary>
internal static partial class CoordinationTable
{
    public static async Task RunAsync(string launcher, int runs, TimeSpan latency, IReadOnlyList<string> modes, IReadOnlyList<int> teamSizes)
    {
        Console.WriteLine($"coordination table: {latency.TotalMilliseconds:0} ms per model call, median of {runs} runs by span/chain ({Environment.ProcessorCount} cores)");
        Console.WriteLine("mode       | agents | calls | 2N+1 | input tokens | stale votes | span ms | chain ms | span/chain | start→first request ms");
        foreach (var mode in modes)
        {
            foreach (var agents in teamSizes)
            {
                var results = new List<RunNumbers>();
                for (var i = 0; i < runs; i++)
                {
                    results.Add(await RunOnceAsync(mode == "process" ? launcher : null, agents, latency));
                }

                results.Sort((a, b) => a.Ratio.CompareTo(b.Ratio));
                var m = results[results.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode,-10} | {agents,6} | {m.Calls,5} | {(2 * agents) + 1,4} | {m.InputTokens,12} | {m.StaleVotes,11} | {m.Span,7:0} | {m.Chain,8:0} | {m.Ratio,10:0.000} | {m.FirstRequest,6:0}  (all ratios: {string.Join(' ', results.Select(r => r.Ratio.ToString("0.000", CultureInfo.InvariantCulture)))})"));
            }
        }
    }

    private sealed record RunNumbers(int Calls, long InputTokens, int StaleVotes, double Span, double Chain, double FirstRequest)
    {
        public double Ratio => Span / Chain;
    }

    private static async Task<RunNumbers> RunOnceAsync(string? launcher, int agents, TimeSpan latency)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.ResponseDelay = latency;
        var calls = new ConcurrentQueue<(long Start, long End)>();
        var answered = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        long inputTokens = 0;
        server.Responder = request =>
        {
            var start = Stopwatch.GetTimestamp();
            var tokens = request.RawBody.Length / 4;
            Interlocked.Add(ref inputTokens, tokens);
            var turn = Decide(request, answered).WithUsage(tokens, 20);
            _ = turn.Served.ContinueWith(_ => calls.Enqueue((start, Stopwatch.GetTimestamp())), TaskScheduler.Default);
            return turn;
        };

        var work = Path.Combine(Path.GetTempPath(), "massgen-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string[] arguments = ["--backend", "vllm", "--base-url", server.OpenAIBaseUrl.ToString(), "--models", string.Join(',', Enumerable.Range(1, agents).Select(i => $"m{i}")), "--display", "silent", "--json", "What is six times seven?"];
        var started = Stopwatch.GetTimestamp();
        var output = launcher is null ? await RunInProcessAsync(arguments, work) : RunProcess(launcher, arguments, work);
        Directory.Delete(work, recursive: true);

        var result = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..])!.AsObject();
        var stale = (result["discarded_votes"] ?? result["DiscardedVotes"])?.AsArray().Count ?? -1;
        var intervals = calls.ToList();
        var first = intervals.Min(i => i.Start);
        var span = Milliseconds(intervals.Max(i => i.End) - first);
        if (Environment.GetEnvironmentVariable("MASSGEN_BENCH_CALLS") is not null)
        {
            // Each call's start and end from the first request, in the order they started: where the span goes. The
            // first request's monotonic clock reading lines the calls up with a profiler's samples (perf -k mono).
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first request at {first / (double)Stopwatch.Frequency:0.000000} s monotonic"));
            foreach (var (start, end) in intervals.OrderBy(i => i.Start))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"call {Milliseconds(start - first),8:0.0} → {Milliseconds(end - first),8:0.0} ms"));
            }
        }

        return new RunNumbers(intervals.Count, inputTokens, stale, span, LongestChain(intervals), Milliseconds(first - started));
    }

    private static FakeTurn Decide(RecordedRequest request, ConcurrentDictionary<string, bool> answered)
    {
        var model = request.Model ?? "?";
        var tools = request.Body?["tools"]?.AsArray().Select(t => t?["function"]).ToList() ?? [];
        if (tools.Any(t => (string?)t?["name"] == "new_answer") && answered.TryAdd(model, true))
        {
            var content = $"The answer of {model}: six times seven is 42. " + string.Concat(Enumerable.Repeat("Multiplying six by seven adds six seven times. ", 8));
            return FakeTurn.ToolCall("new_answer", new JsonObject { ["content"] = content }.ToJsonString());
        }

        if (tools.FirstOrDefault(t => (string?)t?["name"] == "vote") is { } vote)
        {
            var label = (string?)vote["parameters"]?["properties"]?["agent_id"]?["enum"]?[0]
                ?? LabelPattern().Matches(request.RawBody).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).First();
            return FakeTurn.ToolCall("vote", new JsonObject { ["agent_id"] = label, ["reason"] = "complete" }.ToJsonString());
        }

        return FakeTurn.Text("Final answer: 42.");
    }

    [GeneratedRegex(@"<(agent\d+)>\\n")]
    private static partial Regex LabelPattern();

    /// <summary>Sum of durations of the most calls that ran strictly one after another (greedy earliest-end chain).</summary>
    private static double LongestChain(List<(long Start, long End)> intervals)
    {
        long lastEnd = long.MinValue, total = 0;
        foreach (var (start, end) in intervals.OrderBy(i => i.End))
        {
            if (start >= lastEnd)
            {
                total += end - start;
                lastEnd = end;
            }
        }

        return Milliseconds(total);
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static async Task<string> RunInProcessAsync(string[] arguments, string work)
    {
        var output = new StringWriter();
        var timeline = Environment.GetEnvironmentVariable("MASSGEN_TIMELINE");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null) });
        var host = new CliHost
        {
            Console = console,
            Output = output,
            Error = timeline is null ? TextWriter.Null : Console.Error,
            IsTerminal = false,
            WorkingDirectory = work,
            HomeDirectory = work,
            EnvironmentVariables = timeline is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["MASSGEN_TIMELINE"] = timeline },
        };
        var exit = await new MassGenApp(host).RunAsync(arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"in-process run exited with {exit}");
        }

        return output.ToString();
    }

    private static string RunProcess(string launcher, string[] arguments, string work)
    {
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.Environment["HOME"] = work;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (Environment.GetEnvironmentVariable("MASSGEN_TIMELINE") is not null)
        {
            Console.Error.Write(error.Result);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{launcher} exited with {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }
}
