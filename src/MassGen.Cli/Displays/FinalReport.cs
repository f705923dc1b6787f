using System.Globalization;
using MassGen.Core.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MassGen.Cli.Displays;

/// <summary>The end of a rich run: the vote table, the winner (and how a tie was broken), and the final answer as markdown.</summary>
internal static class FinalReport
{
    public static IRenderable Render(RunView view, string? logDirectory)
    {
        ArgumentNullException.ThrowIfNull(view);
        var result = view.Result;
        if (result is null)
        {
            return new Markup("[red]The run ended without a result.[/]");
        }

        var rows = new List<IRenderable> { VoteTable(view, result), new Markup(WinnerLine(view, result)) };
        if (Words.WinningPath(result) is { } path)
        {
            // A line per group, then the way the winning answer went: the vote table above is the last group's.
            rows.AddRange(result.Topology!.Groups.Select(g => new Markup("[grey]" + Markup.Escape(Words.Group(g)) + "[/]")));
            rows.Add(new Markup("[bold]" + Markup.Escape(path) + "[/]"));
        }

        if (result.FinalAnswer is { } answer)
        {
            rows.Add(new Panel(MarkdownText.Render(answer))
            {
                Header = new PanelHeader($" final answer · {Markup.Escape(Words.Presentation(result.Presentation))} "),
                Border = BoxBorder.Double,
                Expand = true,
                Padding = new Padding(1, 0),
            });
        }
        else
        {
            rows.Add(new Markup($"[red bold]No answer.[/] {Markup.Escape(result.TerminationDetail ?? Words.Termination(result.TerminationReason))}"));
        }

        if (Words.Resumed(result.Resumptions) is { } resumed)
        {
            rows.Add(new Markup($"[yellow]This run was {Markup.Escape(resumed)}.[/]"));
        }

        var footer = string.Create(
            CultureInfo.InvariantCulture,
            $"[grey]{Words.Elapsed(result.Duration)} · {Words.Tokens(result.TotalUsage.TotalTokens)} tokens · {Markup.Escape(Words.Cost(result.TotalUsage.CostUsd))} · seed {result.Seed}{(logDirectory is null ? "" : " · logs: " + Markup.Escape(logDirectory))}[/]");
        rows.Add(new Markup(footer));
        return new Rows(rows);
    }

    private static Table VoteTable(RunView view, CoordinationResult result)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("votes") };
        table.AddColumn("agent");
        table.AddColumn("model");
        table.AddColumn(new TableColumn("answers").RightAligned());
        table.AddColumn("voted for");
        table.AddColumn("reason");
        table.AddColumn(new TableColumn("votes").RightAligned());
        table.AddColumn(new TableColumn("tokens").RightAligned());
        table.AddColumn(new TableColumn("cost").RightAligned());

        var agents = result.Agents.Count > 0 ? result.Agents : [.. view.Agents.Select(a => new AgentLabel(a.Id, a.Label, a.Model))];
        foreach (var agent in agents)
        {
            var vote = result.Votes.FirstOrDefault(v => v.VoterId == agent.AgentId);
            var received = result.Tally.FirstOrDefault(t => t.AgentId == agent.AgentId)?.Votes ?? 0;
            var answers = result.Answers.Count(a => a.AgentId == agent.AgentId);
            var usage = result.Usage.FirstOrDefault(u => u.AgentId == agent.AgentId)?.Usage ?? TokenUsage.Zero;
            var failed = view.FindAgent(agent.AgentId)?.Activity == AgentActivity.Failed;
            var isWinner = agent.AgentId == result.WinnerId;
            var name = $"{(isWinner ? "★ " : "")}{Markup.Escape(agent.AgentId)} [grey]({Markup.Escape(agent.Label)})[/]";
            table.AddRow(
                isWinner ? $"[bold green]{name}[/]" : failed ? $"[red]{name} failed[/]" : name,
                Markup.Escape(agent.Model ?? "?"),
                answers.ToString(CultureInfo.InvariantCulture),
                vote is null ? "[grey]—[/]" : $"{Markup.Escape(vote.TargetId)} [grey]({Markup.Escape(vote.TargetLabel)})[/]",
                vote is null ? "" : Markup.Escape(RunView.Shorten(vote.Reason, 60)),
                received.ToString(CultureInfo.InvariantCulture),
                Words.Tokens(usage.TotalTokens),
                Markup.Escape(Words.Cost(usage.CostUsd)));
        }

        return table;
    }

    internal static string WinnerLine(RunView view, CoordinationResult result)
    {
        if (result.WinnerId is null)
        {
            return $"[red]No winner[/] ({Markup.Escape(Words.Termination(result.TerminationReason))}).";
        }

        var votes = result.Tally.FirstOrDefault(t => t.AgentId == result.WinnerId)?.Votes ?? 0;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[bold green]Winner:[/] {Markup.Escape(result.WinnerId)} ({Markup.Escape(result.WinnerLabel ?? "?")}) by {Markup.Escape(Words.Termination(result.TerminationReason))}, {votes} of {result.Votes.Count} votes.");
        if (view.Consensus is { TieBroken: true })
        {
            var top = result.Tally.Count == 0 ? 0 : result.Tally.Max(t => t.Votes);
            var tied = result.Tally.Where(t => t.Votes == top).Select(t => $"{t.AgentId} ({t.Label})");
            line += string.Create(
                CultureInfo.InvariantCulture,
                $" [yellow]Tie[/] between {Markup.Escape(string.Join(", ", tied))} with {top} votes each, broken by the tie-break rule.");
        }

        return line;
    }
}
