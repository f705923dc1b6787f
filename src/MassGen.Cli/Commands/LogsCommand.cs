using System.Globalization;
using System.Text.Json;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Core.Events;
using Spectre.Console;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen logs</c> lists the runs under <c>.massgen/logs</c>; <c>massgen logs show RUN</c> prints one run's summary,
/// its vote tally, the timeline of answers and votes and the final answer's workspace, read back from its log files.
/// </summary>
internal sealed class LogsCommand
{
    private readonly CliHost _host;
    private readonly string _logsRoot;

    public LogsCommand(CliHost host)
    {
        _host = host;
        _logsRoot = Path.Combine(host.WorkingDirectory, ".massgen", "logs");
    }

    public int List()
    {
        var runs = RunDirectories();
        if (runs.Count == 0)
        {
            _host.Console.WriteLine($"No run logs in {_logsRoot}.");
            return ExitCodes.Answered;
        }

        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn("run");
        table.AddColumn("question");
        table.AddColumn("ended");
        table.AddColumn("winner");
        table.AddColumn(new TableColumn("time").RightAligned());
        table.AddColumn(new TableColumn("cost").RightAligned());
        foreach (var directory in runs)
        {
            var summary = RunSummary.Read(directory);
            table.AddRow(
                Markup.Escape(Path.GetFileName(directory)),
                Markup.Escape(RunView.Shorten(summary.Question ?? "?", 50)),
                Markup.Escape(summary.Termination ?? "incomplete"),
                Markup.Escape(summary.WinnerId ?? "—"),
                summary.DurationSeconds is { } seconds ? Words.Elapsed(TimeSpan.FromSeconds(seconds)) : "",
                Markup.Escape(summary.Result is null ? "" : Words.Cost(summary.CostUsd)));
        }

        _host.Console.Write(table);
        _host.Console.WriteLine("Details: massgen logs show RUN (or a prefix of it, or 'latest').");
        return ExitCodes.Answered;
    }

    public async Task<int> ShowAsync(string run)
    {
        var runs = RunDirectories();
        var matches = run == "latest"
            ? runs.Take(1).ToList()
            : runs.Where(d => Path.GetFileName(d).StartsWith(run, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            await _host.Error.WriteLineAsync(matches.Count == 0
                ? $"No run '{run}' in {_logsRoot}; `massgen logs` lists the runs."
                : $"'{run}' matches {matches.Count} runs ({string.Join(", ", matches.Select(Path.GetFileName))}); give more of the id.");
            return ExitCodes.UsageError;
        }

        var directory = matches[0];
        var summary = RunSummary.Read(directory);
        var events = ReadEvents(directory);
        var console = _host.Console;
        console.MarkupLine($"[bold]run {Markup.Escape(Path.GetFileName(directory))}[/]");
        console.MarkupLine($"question: {Markup.Escape(summary.Question ?? "?")}");
        console.MarkupLine($"ended: {Markup.Escape(summary.Termination ?? $"incomplete (no result.json: the run was cut off; `massgen resume {Path.GetFileName(directory)}` continues it)")}");
        if (summary.Result is not null)
        {
            console.MarkupLine($"winner: {Markup.Escape(summary.WinnerId ?? "none")} · {Markup.Escape(Words.Elapsed(TimeSpan.FromSeconds(summary.DurationSeconds ?? 0)))} · {Markup.Escape(summary.TotalTokens.ToString(CultureInfo.InvariantCulture))} tokens · {Markup.Escape(Words.Cost(summary.CostUsd))}");
        }

        if (summary.FinalWorkspace is { } workspace)
        {
            console.MarkupLine($"final workspace: {Markup.Escape(workspace)}{(Directory.Exists(workspace) ? "" : " (no longer on disk)")}");
        }

        var finish = events.OfType<RunFinished>().LastOrDefault();
        if (finish is not null)
        {
            var tally = new Table { Border = TableBorder.Simple, Title = new TableTitle("tally") };
            tally.AddColumn("agent");
            tally.AddColumn(new TableColumn("votes").RightAligned());
            tally.AddColumn("voters and reasons");
            foreach (var agent in finish.Result.Agents)
            {
                var votes = finish.Result.Votes.Where(v => v.TargetId == agent.AgentId).ToList();
                tally.AddRow(
                    Markup.Escape($"{agent.AgentId} ({agent.Label})"),
                    votes.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("; ", votes.Select(v => $"{v.VoterId}: {RunView.Shorten(v.Reason, 50)}"))));
            }

            console.Write(tally);
        }

        var started = events.FirstOrDefault()?.Timestamp;
        console.MarkupLine("[bold]timeline[/]");
        foreach (var coordinationEvent in events)
        {
            if (TimelineLine(coordinationEvent) is { } line)
            {
                var offset = started is { } s ? coordinationEvent.Timestamp - s : TimeSpan.Zero;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Words.Elapsed(offset),6}  {line}"));
            }
        }

        console.WriteLine($"files: {directory}");
        return ExitCodes.Answered;
    }

    private static string? TimelineLine(CoordinationEvent coordinationEvent) => coordinationEvent switch
    {
        AnswerAccepted a => string.Create(CultureInfo.InvariantCulture, $"{a.AgentId} ({a.Label}) answer {a.AnswerNumber} → revision {a.Revision}: {RunView.Shorten(a.Content, 70)}"),
        VoteCounted v => $"{v.VoterId} votes for {v.TargetId} ({v.TargetLabel}): {RunView.Shorten(v.Reason, 70)}",
        VoteDiscarded d => string.Create(CultureInfo.InvariantCulture, $"{d.VoterId}'s vote for {d.TargetLabel} discarded (revision {d.CastOnRevision} < {d.CurrentRevision})"),
        AgentFailed f => $"{f.AgentId} failed: {RunView.Shorten(f.Error, 70)}",
        ConsensusReached c => $"winner {c.WinnerId} ({c.WinnerLabel}) by {Words.Termination(c.Reason)}{(c.TieBroken ? ", tie broken" : "")}",
        RunFinished r => $"finished: {Words.Termination(r.Result.TerminationReason)}",
        _ => null,
    };

    private List<string> RunDirectories() =>
        Directory.Exists(_logsRoot)
            ? [.. Directory.EnumerateDirectories(_logsRoot).OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)]
            : [];

    internal static List<CoordinationEvent> ReadEvents(string directory)
    {
        var path = Path.Combine(directory, RunLogger.EventsFile);
        var events = new List<CoordinationEvent>();
        if (!File.Exists(path))
        {
            return events;
        }

        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (JsonSerializer.Deserialize<CoordinationEvent>(line, RunLogJson.Compact) is { } coordinationEvent)
                {
                    events.Add(coordinationEvent);
                }
            }
            catch (JsonException)
            {
                // A line cut off by a crash ends the readable part of the log; what came before still shows.
                break;
            }
        }

        return events;
    }
}
