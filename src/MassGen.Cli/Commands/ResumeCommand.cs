using System.CommandLine;
using System.Text.Json.Nodes;
using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Logging;
using MassGen.Cli.Recording;
using MassGen.Cli.Runs;
using MassGen.Cli.Sessions;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen resume RUN</c>: continues a run whose process was stopped (kill -9, power loss) from its log folder. The
/// answers, votes, failures and spend are rebuilt from <c>events.jsonl</c>; the turns that were in flight start again;
/// with a recording, calls that had finished are answered from it and new calls are appended to it. The resumed run
/// writes on in the same log folder and its result says it was resumed and what was redone.
/// </summary>
internal sealed class ResumeCommand
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;
    private readonly string _massgenDirectory;

    private ResumeCommand(CliHost host, ITeamLoader loader)
    {
        _host = host;
        _loader = loader;
        _massgenDirectory = Path.Combine(host.WorkingDirectory, ".massgen");
    }

    public static Command Build(CliHost host, ITeamLoader loader)
    {
        var run = new Argument<string>("run") { Description = "The run to continue: a run id from `massgen logs` (or a prefix of one, or 'latest'), or a run's log folder." };
        var json = new Option<bool>("--json") { Description = "After the run, print the result as JSON on standard output." };
        var display = new Option<string?>("--display") { Description = "rich_terminal, simple or silent." };
        display.AcceptOnlyFromAmong("rich_terminal", "rich", "simple", "silent");
        var command = new Command("resume", "Continue a run that was stopped (killed, power loss) from its log: answers, votes and spend are restored, unfinished turns are redone, recorded calls are not paid for again.")
        {
            run, json, display,
        };
        command.SetAction((parse, cancellationToken) => new ResumeCommand(host, loader).RunAsync(parse.GetValue(run)!, parse.GetValue(json), parse.GetValue(display), cancellationToken));
        return command;
    }

    /// <summary>Run ids under <c>.massgen/logs</c>, newest first, for the shell's completion.</summary>
    public static IEnumerable<string> RunIds(string workingDirectory, string typed)
    {
        var root = Path.Combine(workingDirectory, ".massgen", "logs");
        return Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>()
                .Where(n => n.StartsWith(typed, StringComparison.Ordinal)).OrderDescending(StringComparer.Ordinal)
            : [];
    }

    private async Task<int> RunAsync(string runArgument, bool json, string? displayName, CancellationToken stopToken)
    {
        if (FindFolder(runArgument) is not { } folder)
        {
            return ExitCodes.UsageError;
        }

        StoppedRun stopped;
        try
        {
            stopped = StoppedRun.Open(folder);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return await FailAsync($"Cannot resume {runArgument}: {exception.Message}");
        }

        if (stopped.Log.TornTail is not null)
        {
            await _host.Error.WriteLineAsync($"warning: the last line of {Path.Combine(folder, RunLogger.EventsFile)} was cut short when the run was stopped; it is ignored.");
        }

        if (stopped.Checkpoint.Result is { } finished)
        {
            return await FailAsync($"Run {stopped.RunId} finished already ({Words.Termination(finished.TerminationReason)}, winner {finished.WinnerId ?? "none"}); there is nothing to resume. `massgen logs show {stopped.RunId}` shows it.");
        }

        if (stopped.Config is not { } config)
        {
            return await FailAsync($"Cannot resume {stopped.RunId}: its log holds no configuration (the run was started by an older massgen or by a team built in code).");
        }

        var (recording, recordingProblem) = LoadRecording(stopped);
        if (recordingProblem is not null)
        {
            return await FailAsync(recordingProblem);
        }

        if (await StoredConfigTeam.LoadAsync(_host, _loader, $"resume of {stopped.RunId}", WithKeysFromEnvironment(config), $"The configuration of run {stopped.RunId} cannot be used:") is not { } loaded)
        {
            return ExitCodes.UsageError;
        }

        await using var team = loaded;
        var plan = new RunPlan
        {
            Agents = team.Agents,
            Options = team.Options,
            Display = StoredConfigTeam.Display(displayName, team, _host),
            RedactedConfig = team.RedactedConfig,
            FinalWorkspace = team.FinalWorkspace,
            Source = $"resume of {folder}",
            Json = json,
            RecordPath = recording is null ? null : stopped.RecordingPath,
            ResumeRecording = recording,
            ReplayableConfig = team.ReplayableConfig,
            RehearsalBackends = team.RehearsalBackends,
            Resume = stopped,
        };
        var request = stopped.Request();
        var outcome = await new RunExecutor(_host, _massgenDirectory).ExecuteAsync(plan, request, stopped.SessionId, stopToken);
        RecordInSession(stopped, request.Task, outcome);
        return outcome.ExitCode;
    }

    private string? FindFolder(string runArgument)
    {
        var asPath = Path.GetFullPath(runArgument, _host.WorkingDirectory);
        if (File.Exists(Path.Combine(asPath, RunLogger.EventsFile)))
        {
            return asPath;
        }

        var ids = RunIds(_host.WorkingDirectory, runArgument == "latest" ? "" : runArgument).ToList();
        var matches = runArgument == "latest" ? ids.Take(1).ToList() : ids.Contains(runArgument, StringComparer.Ordinal) ? [runArgument] : ids;
        if (matches.Count == 1)
        {
            return Path.Combine(_massgenDirectory, "logs", matches[0]);
        }

        _host.Error.WriteLine(matches.Count == 0
            ? $"No run '{runArgument}': give a run id from `massgen logs` (or a prefix, or 'latest') or a run's log folder."
            : $"'{runArgument}' matches {matches.Count} runs ({string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", …" : "")}); give more of the id.");
        return null;
    }

    private static (RunRecording? Recording, string? Problem) LoadRecording(StoppedRun stopped)
    {
        if (stopped.RecordingPath is not { } path)
        {
            return (null, null);
        }

        try
        {
            return (RunRecording.Load(path), null);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, $"Cannot resume {stopped.RunId}: its recording {path} cannot be read ({exception.Message}). Move it away to resume without it (finished calls are then made again).");
        }
    }

    // The stored configuration masks the keys written into it; the resumed run takes them from the environment, as the
    // provider's key variable (or the config's ${VAR} reference, which the stored form keeps) gives them.
    private static JsonObject WithKeysFromEnvironment(JsonObject config)
    {
        var copy = config.DeepClone().AsObject();
        copy.Remove("record");
        foreach (var agent in copy["agents"]?.AsArray() ?? [])
        {
            if (agent?["backend"] is JsonObject backend && backend["api_key"]?.GetValue<string>() == MassGen.Configuration.ConfigJsonWriter.Redacted)
            {
                backend.Remove("api_key");
            }
        }

        return copy;
    }

    // A run of a multi-turn session adds its exchange to the session, as the original process would have.
    private void RecordInSession(StoppedRun stopped, string question, RunOutcome outcome)
    {
        if (stopped.SessionId is not { } id || outcome.Result?.FinalAnswer is not { } answer)
        {
            return;
        }

        var store = new SessionStore(Path.Combine(_massgenDirectory, "sessions"), _host.TimeProvider);
        if (store.Find(id) is { } session)
        {
            store.AddTurn(session, question, answer, outcome.Result.WinnerId, outcome.RunId);
        }
    }

    private async Task<int> FailAsync(string message)
    {
        await _host.Error.WriteLineAsync(message);
        return ExitCodes.UsageError;
    }
}
