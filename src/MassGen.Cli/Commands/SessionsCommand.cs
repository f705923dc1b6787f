using System.Globalization;
using MassGen.Cli.Hosting;
using MassGen.Cli.Sessions;
using Spectre.Console;

namespace MassGen.Cli.Commands;

/// <summary><c>massgen sessions</c>: the stored sessions, most recent first.</summary>
internal sealed class SessionsCommand
{
    private readonly CliHost _host;

    public SessionsCommand(CliHost host)
    {
        _host = host;
    }

    public int Run()
    {
        var store = new SessionStore(Path.Combine(_host.WorkingDirectory, ".massgen", "sessions"), _host.TimeProvider);
        var sessions = store.List();
        if (sessions.Count == 0)
        {
            _host.Console.WriteLine($"No sessions in {store.Root}. Every answered question starts one; resume it with --continue.");
            return ExitCodes.Answered;
        }

        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn("session");
        table.AddColumn("updated (UTC)");
        table.AddColumn(new TableColumn("turns").RightAligned());
        table.AddColumn("first question");
        foreach (var session in sessions)
        {
            table.AddRow(
                Markup.Escape(session.SessionId),
                session.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                session.Turns.Count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(session.Turns.Count == 0 ? "" : Displays.RunView.Shorten(session.Turns[0].Question, 60)));
        }

        _host.Console.Write(table);
        _host.Console.WriteLine("Resume the most recent with --continue, or any with --session-id ID.");
        return ExitCodes.Answered;
    }
}
