using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MassGen.Cli.Hosting;
using MassGen.Cli.Recording;
using MassGen.Cli.Runs;
using MassGen.Core.Coordination;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen replay FILE</c>: runs a recorded coordination again without calling any provider. The team is loaded from
/// the configuration stored in the recording, the seed is the original's, and every request is answered from the
/// recording in the original order; a request the recording does not hold stops the replay with exit code 1, naming the
/// closest recorded request and what differs.
/// </summary>
internal sealed class ReplayCommand
{
    /// <summary>Without progress for this long, a replay stops waiting for the original's order (real clock only).</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(2);

    private readonly CliHost _host;
    private readonly ITeamLoader _loader;

    private ReplayCommand(CliHost host, ITeamLoader loader)
    {
        _host = host;
        _loader = loader;
    }

    public static Command Build(CliHost host, ITeamLoader loader)
    {
        var file = new Argument<string>("file") { Description = "A recording made with --record FILE or record: true." };
        var speed = new Option<string>("--speed") { Description = "fast (as fast as possible, the default), realtime, or a factor such as 2 (twice as fast as recorded).", DefaultValueFactory = _ => "fast" };
        var json = new Option<bool>("--json") { Description = "After the replay, print the result as JSON on standard output." };
        var display = new Option<string?>("--display") { Description = "rich_terminal, simple or silent." };
        display.AcceptOnlyFromAmong("rich_terminal", "rich", "simple", "silent");
        var noLogs = new Option<bool>("--no-logs") { Description = "Write no run logs for the replay." };
        var command = new Command("replay", "Run a recorded coordination again offline: same seed, every model answer from the recording.") { file, speed, json, display, noLogs };
        command.SetAction((parse, cancellationToken) => new ReplayCommand(host, loader).RunAsync(
            parse.GetValue(file)!, parse.GetValue(speed)!, parse.GetValue(json), parse.GetValue(display), parse.GetValue(noLogs), cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(string file, string speedText, bool json, string? displayName, bool noLogs, CancellationToken stopToken)
    {
        if (ParseSpeed(speedText) is not { } speed)
        {
            await _host.Error.WriteLineAsync($"--speed must be fast, realtime or a positive factor such as 2; got '{speedText}'.");
            return ExitCodes.UsageError;
        }

        var path = Path.GetFullPath(file, _host.WorkingDirectory);
        RunRecording recording;
        try
        {
            recording = RunRecording.Load(path);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await _host.Error.WriteLineAsync($"Cannot replay {file}: {exception.Message}");
            return ExitCodes.UsageError;
        }

        if (recording.Header["config"] is not JsonObject config)
        {
            await _host.Error.WriteLineAsync($"Cannot replay {file}: it holds no configuration (it was recorded by a team built in code).");
            return ExitCodes.UsageError;
        }

        if (recording.TornTail)
        {
            await _host.Error.WriteLineAsync($"warning: the last line of {file} was cut short (the recording process was killed); it is ignored.");
        }

        if (await StoredConfigTeam.LoadAsync(_host, _loader, $"replay of {file}", Offline(config), $"The configuration stored in {file} cannot be used:") is not { } loaded)
        {
            return ExitCodes.UsageError;
        }

        await using var team = loaded;
        using var mismatch = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
        var session = new ReplaySession(recording, _host.TimeProvider, speed.Factor, _host.TimeProvider == TimeProvider.System ? StallLimit : null)
        {
            OnMismatch = _ => mismatch.Cancel(),
        };
        var plan = new RunPlan
        {
            Agents = [.. team.Agents.Select(a => a with { ChatClient = session.ClientFor(a.Id) })],
            Options = team.Options with { Seed = recording.Seed ?? team.Options.Seed },
            Display = StoredConfigTeam.Display(displayName, team, _host),
            LoggingEnabled = team.LoggingEnabled && !noLogs,
            RedactedConfig = team.RedactedConfig,
            RunId = team.RunId,
            FinalWorkspace = team.FinalWorkspace,
            Source = $"replay of {path}",
            Json = json,
            Replay = session,
        };
        var request = new CoordinationRequest(recording.Question)
        {
            History = [.. (recording.Header["history"] as JsonArray ?? []).Select(t => new ConversationTurn(t!["user"]!.GetValue<string>(), t["assistant"]!.GetValue<string>()))],
        };
        var outcome = await new RunExecutor(_host, Path.Combine(_host.WorkingDirectory, ".massgen")).ExecuteAsync(plan, request, null, mismatch.Token);
        if (session.Mismatch is { } message)
        {
            await _host.Error.WriteLineAsync(message);
            return ExitCodes.UsageError;
        }

        return outcome.ExitCode;
    }

    // A replay calls no provider: a key the original read from the environment is not needed, so a placeholder stands
    // in for it, and the replay itself is not recorded again.
    private static JsonObject Offline(JsonObject config)
    {
        var copy = config.DeepClone().AsObject();
        copy.Remove("record");
        foreach (var agent in copy["agents"]?.AsArray() ?? [])
        {
            if (agent?["backend"] is JsonObject backend && backend["api_key"] is null)
            {
                backend["api_key"] = "replay-needs-no-key";
            }
        }

        return copy;
    }

    private static (double? Factor, bool Valid)? ParseSpeed(string text) => text.ToLowerInvariant() switch
    {
        "fast" or "max" => (null, true),
        "realtime" or "real-time" => (1.0, true),
        _ when double.TryParse(text.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor) => (factor, true),
        _ => null,
    };
}
