using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MassGen.Cli.Displays;

/// <summary>Builds one frame of the rich live display from a <see cref="RunView"/>: a header, one column per agent, a footer.</summary>
internal static class RichLayout
{
    /// <summary>Lines of streamed text shown per agent; fixed so the layout does not jump while agents stream.</summary>
    public const int TailLines = 8;

    private const int MinColumnWidth = 28;

    public static IRenderable Render(RunView view, int width, DateTimeOffset now, string? logDirectory)
    {
        ArgumentNullException.ThrowIfNull(view);
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]MassGen[/] · {view.Agents.Count} agents · [grey]question:[/] {Markup.Escape(RunView.Shorten(view.Task, Math.Max(20, width - 40)))}"),
        };
        rows.AddRange(AgentRows(view, width));
        rows.Add(Footer(view, width, now, logDirectory));
        return new Rows(rows);
    }

    private static IEnumerable<IRenderable> AgentRows(RunView view, int width)
    {
        if (view.Agents.Count == 0)
        {
            yield break;
        }

        // As many columns as fit at a readable width; a large team wraps onto several rows.
        var perRow = Math.Clamp(width / MinColumnWidth, 1, view.Agents.Count);
        var columnWidth = width / perRow;
        foreach (var chunk in view.Agents.Chunk(perRow))
        {
            var grid = new Grid();
            foreach (var _ in chunk)
            {
                grid.AddColumn(new GridColumn().Width(columnWidth).NoWrap().Padding(0, 0));
            }

            grid.AddRow(chunk.Select(agent => AgentPanel(agent, columnWidth)).ToArray());
            yield return grid;
        }
    }

    private static Panel AgentPanel(AgentView agent, int columnWidth)
    {
        var inner = Math.Max(8, columnWidth - 4);
        var lines = new List<string> { $"[{Color(agent.Activity)}]{Markup.Escape(Fit(agent.DescribeActivity(), inner))}[/]" };
        var tokens = agent.Usage.TotalTokens > 0 ? $"{Words.Tokens(agent.Usage.TotalTokens)} tok" : "";
        lines.Add($"[grey]{Markup.Escape(Fit($"{agent.Model ?? "?"} {tokens}".Trim(), inner))}[/]");
        var tail = TailOf(agent.Tail, inner, TailLines);
        lines.AddRange(tail.Select(l => Markup.Escape(l)));
        while (lines.Count < TailLines + 2)
        {
            lines.Add("");
        }

        return new Panel(new Markup(string.Join('\n', lines)))
        {
            Header = new PanelHeader($" {Markup.Escape(Fit($"{agent.Id} ({agent.Label})", inner - 2))} "),
            Border = BoxBorder.Rounded,
            BorderStyle = new Style(Spectre.Console.Color.FromConsoleColor(ConsoleColorOf(agent.Activity))),
            Width = columnWidth,
            Padding = new Padding(1, 0),
        };
    }

    private static Panel Footer(RunView view, int width, DateTimeOffset now, string? logDirectory)
    {
        var elapsed = view.StartedAt is { } started ? now - started : TimeSpan.Zero;
        var status = string.Create(
            CultureInfo.InvariantCulture,
            $"elapsed {Words.Elapsed(elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed)} · revision {view.Revision} · tokens {Words.Tokens(view.TotalUsage.TotalTokens)} · {Words.Cost(view.TotalUsage.CostUsd)}");
        if (view.Attempt > 1)
        {
            status += string.Create(CultureInfo.InvariantCulture, $" · attempt {view.Attempt}");
        }

        if (view.AnswerNowRequested)
        {
            status += " · answer now requested";
        }
        else if (view.AnswerNowAvailable)
        {
            status += $" · {RichTerminalDisplay.AnswerNowKey}: answer now";
        }

        var lines = view.RecentEvents.Select(e => Markup.Escape(Fit(e, width - 4))).ToList();
        lines.Add($"[bold]{Markup.Escape(Fit(status, width - 4))}[/]");
        if (logDirectory is not null)
        {
            lines.Add($"[grey]{Markup.Escape(Fit("logs: " + logDirectory, width - 4))}[/]");
        }

        return new Panel(new Markup(string.Join('\n', lines)))
        {
            Header = new PanelHeader(" coordination "),
            Border = BoxBorder.Square,
            Width = width,
            Padding = new Padding(1, 0),
        };
    }

    /// <summary>The last <paramref name="count"/> display lines of <paramref name="text"/>, long lines wrapped at <paramref name="width"/>.</summary>
    internal static IReadOnlyList<string> TailOf(string text, int width, int count)
    {
        var result = new List<string>();
        var logical = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = logical.Length - 1; i >= 0 && result.Count < count; i--)
        {
            var line = logical[i].Replace('\t', ' ');
            if (line.Length == 0 && i == logical.Length - 1)
            {
                continue;
            }

            var pieces = new List<string>();
            for (var start = 0; start < line.Length; start += width)
            {
                pieces.Add(line.Substring(start, Math.Min(width, line.Length - start)));
            }

            if (pieces.Count == 0)
            {
                pieces.Add("");
            }

            for (var p = pieces.Count - 1; p >= 0 && result.Count < count; p--)
            {
                result.Add(pieces[p]);
            }
        }

        result.Reverse();
        return result;
    }

    private static string Fit(string text, int width) =>
        width <= 1 ? "" : text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Color(AgentActivity activity) => activity switch
    {
        AgentActivity.Failed or AgentActivity.TimedOut => "red",
        AgentActivity.Retrying or AgentActivity.VoteDiscarded or AgentActivity.Cancelled => "orange1",
        AgentActivity.Answered => "green",
        AgentActivity.Voted => "blue",
        AgentActivity.Presenting or AgentActivity.Presented => "magenta",
        AgentActivity.Waiting => "grey",
        _ => "yellow",
    };

    private static ConsoleColor ConsoleColorOf(AgentActivity activity) => activity switch
    {
        AgentActivity.Failed or AgentActivity.TimedOut => ConsoleColor.Red,
        AgentActivity.Retrying or AgentActivity.VoteDiscarded or AgentActivity.Cancelled => ConsoleColor.DarkYellow,
        AgentActivity.Answered => ConsoleColor.Green,
        AgentActivity.Voted => ConsoleColor.Blue,
        AgentActivity.Presenting or AgentActivity.Presented => ConsoleColor.Magenta,
        AgentActivity.Waiting => ConsoleColor.Gray,
        _ => ConsoleColor.Yellow,
    };
}
