using System.CommandLine;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;

namespace MassGen.Cli.Commands;

/// <summary>The <c>massgen</c> command line: the question with its options, and the subcommands.</summary>
internal static class CommandLine
{
    public static RootCommand Build(CliHost host, ITeamLoader loader)
    {
        var question = new Argument<string[]>("question")
        {
            Description = "The question or task for the team. Leave it out for the interactive multi-turn mode.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var config = new Option<string?>("--config", "-c") { Description = "Config file (YAML or JSON), or @examples/NAME for a shipped example." };
        var model = new Option<string?>("--model", "-m") { Description = "Quick mode: one agent of this model, no config file." };
        var models = new Option<string?>("--models") { Description = "Quick mode: a team, one agent per model, e.g. gpt-5-mini,claude-sonnet-4-5." };
        var backend = new Option<string?>("--backend") { Description = "Quick mode: backend type (openai, claude, gemini, grok, chatcompletion, ollama, local, ...); inferred from the model name when left out." };
        var baseUrl = new Option<string?>("--base-url") { Description = "Quick mode: the server's base URL (an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1)." };
        var systemMessage = new Option<string?>("--system-message") { Description = "Quick mode: the agents' persona." };
        var json = new Option<bool>("--json") { Description = "After the run, print the result as JSON on standard output (the display moves to standard error)." };
        var display = new Option<string?>("--display") { Description = "rich_terminal, simple or silent (default: rich on a terminal, simple otherwise)." };
        display.AcceptOnlyFromAmong("rich_terminal", "rich", "simple", "silent");
        var noLogs = new Option<bool>("--no-logs") { Description = "Write no run logs under .massgen/logs." };
        var debug = new Option<bool>("--debug") { Description = "Show error details (stack traces) and where things were written.", Recursive = true };
        var timeout = new Option<string?>("--orchestrator-timeout") { Description = "Wall-clock limit of the coordination in seconds (overrides timeout_settings)." };
        var resume = new Option<bool>("--continue") { Description = "Continue the most recent session (its turns are shown to the agents as history)." };
        var sessionId = new Option<string?>("--session-id") { Description = "Continue the session with this id (see `massgen sessions`)." };
        var record = new Option<string?>("--record") { Description = "Record every model exchange to this file (JSON lines) for `massgen replay`." };

        var root = new RootCommand("MassGen: several LLM agents answer, read each other's answers, vote, and the winner presents the final answer.")
        {
            question, config, model, models, backend, baseUrl, systemMessage, json, display, noLogs, debug, timeout, resume, sessionId, record,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var words = parse.GetValue(question) ?? [];
            var (timeoutSeconds, timeoutProblem) = CommandLineChecks.Seconds("--orchestrator-timeout", parse.GetValue(timeout));
            if ((CommandLineChecks.UnknownOption(parse, question, root) ?? CommandLineChecks.EmptyQuestion(words) ?? timeoutProblem) is { } problem)
            {
                await host.Error.WriteLineAsync(problem);
                return ExitCodes.UsageError;
            }

            var settings = new RunSettings
            {
                Question = words.Length == 0 ? null : string.Join(' ', words),
                ConfigPath = parse.GetValue(config),
                Model = parse.GetValue(model),
                Models = parse.GetValue(models) is { } list ? [.. list.Split(',')] : [],
                Backend = parse.GetValue(backend),
                BaseUrl = parse.GetValue(baseUrl),
                SystemMessage = parse.GetValue(systemMessage),
                Json = parse.GetValue(json),
                Display = parse.GetValue(display) switch
                {
                    "rich_terminal" or "rich" => DisplayKind.RichTerminal,
                    "simple" => DisplayKind.Simple,
                    "silent" => DisplayKind.Silent,
                    _ => null,
                },
                NoLogs = parse.GetValue(noLogs),
                Debug = parse.GetValue(debug),
                OrchestratorTimeoutSeconds = timeoutSeconds,
                Continue = parse.GetValue(resume),
                SessionId = parse.GetValue(sessionId),
                RecordPath = parse.GetValue(record),
            };
            return await new AskCommand(host, loader).RunAsync(settings, cancellationToken);
        });

        var file = new Argument<string>("file") { Description = "The config file (or @examples/NAME) to check." };
        var validate = new Command("validate", "Check a config file and report every problem with its line, without calling any model.") { file };
        validate.SetAction((parse, _) => new ValidateCommand(host, loader).RunAsync(parse.GetValue(file)!));
        root.Add(validate);

        var run = new Argument<string>("run") { Description = "A run id from `massgen logs`, a prefix of one, or 'latest'." };
        var show = new Command("show", "One run: summary, vote tally, and the timeline of answers and votes.") { run };
        show.SetAction((parse, _) => new LogsCommand(host).ShowAsync(parse.GetValue(run)!));
        var logs = new Command("logs", "List the runs logged under .massgen/logs.") { show };
        logs.SetAction(_ => new LogsCommand(host).List());
        root.Add(logs);

        var sessions = new Command("sessions", "List the stored multi-turn sessions.");
        sessions.SetAction(_ => new SessionsCommand(host).Run());
        root.Add(sessions);

        root.Add(ScoreCommandLine.Build(host));
        root.Add(EvalCommandLine.Build(host, loader));
        root.Add(Serving.ServeCommandLine.Build(host, loader));
        root.Add(ReplayCommand.Build(host, loader));
        root.Add(ResumeCommand.Build(host, loader));
        FirstRunCommands.AddTo(root, host);
        return root;
    }
}
