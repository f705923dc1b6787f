using System.Globalization;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Cli.Sessions;
using MassGen.Core.Coordination;
using Spectre.Console;

namespace MassGen.Cli.Commands;

/// <summary>
/// The multi-turn mode: each line is a question to the team, with the earlier turns as history; every answered turn is
/// saved to the session. Slash commands: <c>/help</c>, <c>/status</c>, <c>/reset</c>, <c>/quit</c>.
/// </summary>
internal sealed class InteractiveMode
{
    private readonly CliHost _host;
    private readonly RunExecutor _executor;
    private readonly SessionStore _store;
    private readonly RunPlan _plan;

    public InteractiveMode(CliHost host, RunExecutor executor, SessionStore store, RunPlan plan)
    {
        _host = host;
        _executor = executor;
        _store = store;
        _plan = plan;
    }

    public async Task<int> RunAsync(SessionRecord session, CancellationToken stopToken)
    {
        var console = _host.Console;
        console.MarkupLine($"[bold]MassGen[/] interactive session [aqua]{Markup.Escape(session.SessionId)}[/] · {_plan.Agents.Count} agents · {Markup.Escape(_plan.Source)}");
        if (session.Turns.Count > 0)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Resuming after {session.Turns.Count} earlier turns; the team sees them as history."));
        }

        console.MarkupLine("Type a question, or [grey]/help[/].");
        var lastExit = ExitCodes.Answered;
        while (!stopToken.IsCancellationRequested)
        {
            console.Markup("[bold]> [/]");
            string? line;
            try
            {
                line = await _host.Input.ReadLineAsync(stopToken);
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                break;
            }

            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            switch (line.ToLowerInvariant())
            {
                case "/quit" or "/exit" or "/q":
                    return lastExit;
                case "/help" or "/h":
                    console.WriteLine("/status  the session, its turns and the team");
                    console.WriteLine("/reset   start a new session (the team forgets the earlier turns)");
                    console.WriteLine("/quit    leave (the session stays stored; resume it with --continue)");
                    continue;
                case "/status":
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session {session.SessionId}: {session.Turns.Count} turns; team: {string.Join(", ", _plan.Agents.Select(a => $"{a.Id} ({a.ModelDescription})"))}"));
                    continue;
                case "/reset":
                    session = _store.Create(_plan.Source);
                    console.WriteLine($"New session {session.SessionId}: earlier turns are no longer shown to the team.");
                    continue;
            }

            if (line.StartsWith('/'))
            {
                console.WriteLine($"Unknown command {line}; /help lists the commands.");
                continue;
            }

            var request = new CoordinationRequest(line) { History = SessionStore.History(session) };
            var outcome = await _executor.ExecuteAsync(_plan, request, session.SessionId, stopToken);
            lastExit = outcome.ExitCode;
            if (outcome.Result?.FinalAnswer is { } answer)
            {
                session = _store.AddTurn(session, line, answer, outcome.Result.WinnerId, outcome.RunId);
            }
        }

        return stopToken.IsCancellationRequested ? ExitCodes.Interrupted : lastExit;
    }
}
