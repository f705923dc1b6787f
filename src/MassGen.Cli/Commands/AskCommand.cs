using MassGen.Cli.Displays;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Cli.Sessions;
using MassGen.Cli.Team;
using MassGen.Configuration;
using MassGen.Core.Coordination;
using Spectre.Console;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen [question]</c>: finds the team (config, quick mode or default team), loads and validates it, resolves the
/// session, then answers the question, or, without one, runs the interactive multi-turn mode.
/// </summary>
internal sealed class AskCommand
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;
    private readonly string _massgenDirectory;

    public AskCommand(CliHost host, ITeamLoader loader)
    {
        _host = host;
        _loader = loader;
        _massgenDirectory = Path.Combine(host.WorkingDirectory, ".massgen");
    }

    public async Task<int> RunAsync(RunSettings settings, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (UsageProblem(settings) is { } usage)
        {
            return await FailAsync(usage);
        }

        var (source, announcement, sourceError) = await ResolveSourceAsync(settings, stopToken);
        if (source is null)
        {
            return await FailAsync(sourceError!);
        }

        var setup = System.Diagnostics.Stopwatch.StartNew();
        await using var team = await _loader.LoadAsync(source, CancellationToken.None);
        _host.Timeline?.Mark("team loaded");
        await DebugAsync(settings, $"team loaded from {source.Description} in {setup.ElapsedMilliseconds} ms: {team.Agents.Count} agents, {team.Errors.Count} errors, {team.Warnings.Count} warnings");
        foreach (var warning in team.Warnings)
        {
            await _host.Error.WriteLineAsync("warning: " + warning);
        }

        if (!team.IsValid)
        {
            await _host.Error.WriteLineAsync($"{source.Description} cannot be used:");
            foreach (var error in team.Errors)
            {
                await _host.Error.WriteLineAsync("  " + error);
            }

            return ExitCodes.UsageError;
        }

        var store = new SessionStore(Path.Combine(_massgenDirectory, "sessions"), _host.TimeProvider);
        var (session, sessionError) = ResolveSession(settings, team, store, source);
        if (session is null)
        {
            return await FailAsync(sessionError!);
        }

        var plan = BuildPlan(settings, team, source);
        if (announcement is not null && plan.Display != DisplayKind.Silent)
        {
            _host.Console.MarkupLine($"[bold]{Markup.Escape(announcement)}[/]");
            foreach (var agent in plan.Agents)
            {
                _host.Console.MarkupLine($"  • {Markup.Escape(agent.Id)} [grey]{Markup.Escape(agent.ModelDescription ?? "")}[/]");
            }
        }

        await DebugAsync(settings, $"session {session.SessionId} ({session.Turns.Count} earlier turns); display {plan.Display}; logs {(plan.LoggingEnabled ? "on" : "off")}");
        var executor = new RunExecutor(_host, _massgenDirectory) { Debug = settings.Debug };
        if (settings.Question is { } question)
        {
            var outcome = await executor.ExecuteAsync(plan, new CoordinationRequest(question) { History = SessionStore.History(session) }, session.SessionId, stopToken);
            if (outcome.Result?.FinalAnswer is { } answer)
            {
                store.AddTurn(session, question, answer, outcome.Result.WinnerId, outcome.RunId);
            }

            return outcome.ExitCode;
        }

        return await new InteractiveMode(_host, executor, store, plan).RunAsync(session, stopToken);
    }

    private static string? UsageProblem(RunSettings settings)
    {
        if (settings.ConfigPath is not null && settings.IsQuickMode)
        {
            return "--config cannot be combined with --model or --models: use either a config file or quick mode.";
        }

        if (settings.Model is not null && settings.Models.Count > 0)
        {
            return "--model and --models cannot be combined: --model runs one agent, --models A,B,C a team.";
        }

        if (!settings.IsQuickMode && (settings.Backend ?? settings.BaseUrl ?? settings.SystemMessage) is not null)
        {
            return "--backend, --base-url and --system-message belong to quick mode: add --model NAME (or --models A,B,C).";
        }

        if (settings.Continue && settings.SessionId is not null)
        {
            return "--continue and --session-id cannot be combined: --continue resumes the most recent session, --session-id a given one.";
        }

        return null;
    }

    private async Task<(TeamSource? Source, string? Announcement, string? Error)> ResolveSourceAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.IsQuickMode)
        {
            var models = settings.Model is { } single ? [single] : settings.Models;
            var (quick, problems) = QuickTeam.Build(models, settings.Backend, settings.BaseUrl, settings.SystemMessage);
            return quick is null
                ? (null, null, string.Join(Environment.NewLine, problems))
                : (new TeamSource(quick.Description, null, quick.ToYaml()), null, null);
        }

        var locator = new ConfigLocator(_host);
        if (settings.ConfigPath is { } configArgument)
        {
            var (path, error) = locator.Resolve(configArgument);
            return path is null ? (null, null, error) : (new TeamSource(path, path, null), null, null);
        }

        if (locator.Discover() is { } discovered)
        {
            return (new TeamSource(discovered, discovered, null), null, null);
        }

        var servers = await new LocalServerProbe(_host.ProbeHandler, _host.ProbeTimeout).ProbeAsync(cancellationToken);
        // Keys in ./.env and ~/.massgen/.env count as set, as they do when the config is loaded.
        var environment = ConfigEnvironment.Load(_host.EnvironmentVariables, _host.WorkingDirectory, _host.HomeDirectory);
        var team = DefaultTeam.Choose(name => environment.HasValue(name) ? environment.Get(name) : null, servers);
        return team is null
            ? (null, null, DefaultTeam.GettingStarted(servers))
            : (new TeamSource(team.Description, null, team.ToYaml()), team.Description, null);
    }

    private static (SessionRecord? Session, string? Error) ResolveSession(RunSettings settings, LoadedTeam team, SessionStore store, TeamSource source)
    {
        if (settings.Continue)
        {
            return store.MostRecent() is { } recent
                ? (recent, null)
                : (null, $"There is no session to continue in {store.Root}; ask a question first, or list sessions with `massgen sessions`.");
        }

        if ((settings.SessionId ?? team.SessionId) is { } id)
        {
            return store.Find(id) is { } found
                ? (found, null)
                : (null, $"No session '{id}' in {store.Root}. `massgen sessions` lists the stored ones; leave out --session-id to start a new one.");
        }

        return (store.Create(source.Description), null);
    }

    private RunPlan BuildPlan(RunSettings settings, LoadedTeam team, TeamSource source)
    {
        var options = team.Options;
        if (settings.OrchestratorTimeoutSeconds is { } seconds)
        {
            options = options with { OrchestratorTimeout = TimeSpan.FromSeconds(seconds) };
        }

        var display = settings.Display ?? team.Display ?? (_host.IsTerminal ? DisplayKind.RichTerminal : DisplayKind.Simple);

        // A live display in a pipe or a file is unreadable noise: there it becomes the simple one.
        if (display == DisplayKind.RichTerminal && !_host.IsTerminal)
        {
            display = DisplayKind.Simple;
        }

        return new RunPlan
        {
            Agents = team.Agents,
            Options = options,
            Display = display,
            LoggingEnabled = team.LoggingEnabled && !settings.NoLogs,
            RedactedConfig = team.RedactedConfig,
            RunId = team.RunId,
            FinalWorkspace = team.FinalWorkspace,
            Source = source.Description,
            Json = settings.Json,
            RecordPath = settings.RecordPath is { } record ? Path.GetFullPath(record, _host.WorkingDirectory) : null,
            RecordToLog = team.Record,
            ReplayableConfig = team.ReplayableConfig,
            RehearsalBackends = team.RehearsalBackends,
        };
    }

    private async Task DebugAsync(RunSettings settings, string message)
    {
        if (settings.Debug)
        {
            await _host.Error.WriteLineAsync("debug: " + message);
        }
    }

    private async Task<int> FailAsync(string message)
    {
        await _host.Error.WriteLineAsync(message.TrimEnd());
        return ExitCodes.UsageError;
    }
}
