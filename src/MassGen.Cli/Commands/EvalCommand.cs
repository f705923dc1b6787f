using System.Globalization;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Evaluation;
using MassGen.Evaluation.Eval;
using Spectre.Console;

namespace MassGen.Cli.Commands;

/// <summary>
/// <c>massgen eval</c>: loads the team as every run does and hands it to MassGen.Evaluation's <see cref="EvalRunner"/>;
/// this class only wires options, the progress display and the exit code.
/// </summary>
internal sealed class EvalCommand
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;

    public EvalCommand(CliHost host, ITeamLoader loader)
    {
        _host = host;
        _loader = loader;
    }

    public async Task<int> RunAsync(EvalSettings settings, CancellationToken cancellationToken)
    {
        var (path, locateError) = new ConfigLocator(_host).Resolve(settings.ConfigPath);
        if (path is null)
        {
            await _host.Error.WriteLineAsync(locateError);
            return ExitCodes.UsageError;
        }

        await using var team = await _loader.LoadAsync(new TeamSource(path, path, null), CancellationToken.None);
        foreach (var warning in team.Warnings)
        {
            await _host.Error.WriteLineAsync($"warning: {warning}");
        }

        if (!team.IsValid)
        {
            foreach (var error in team.Errors)
            {
                await _host.Error.WriteLineAsync(error);
            }

            return ExitCodes.UsageError;
        }

        var options = new EvalOptions
        {
            Benchmark = settings.Benchmark,
            InputPath = Resolve(settings.Input),
            OutputDirectory = Resolve(settings.Output),
            Limit = settings.Limit,
            Arms = settings.Arms,
            Seeds = settings.Seeds,
            Concurrency = settings.Concurrency,
            MaxCostUsd = settings.MaxCostUsd,
            Resume = settings.Resume,
            SelfConsistencyK = settings.SelfConsistencyK,
            Chairman = settings.Chairman,
            SelectOnPath = settings.SelectOn is { } select ? Resolve(select) : null,
        };
        var evalTeam = ToEvalTeam(team);
        EvalCluster.Joined? cluster = null;
        if (!string.IsNullOrWhiteSpace(settings.Cluster))
        {
            (cluster, var joinError) = await JoinClusterAsync(settings.Cluster, path, evalTeam);
            if (cluster is null)
            {
                await _host.Error.WriteLineAsync($"massgen eval cannot join the cluster: {joinError}");
                return ExitCodes.UsageError;
            }

            await _host.Error.WriteLineAsync($"massgen eval: a node of the cluster at {settings.Cluster} (job {cluster.Description}); the model calls run on every node.");
        }

        await using var leaveCluster = cluster?.Node;
        try
        {
            var outcome = _host.IsTerminal && !settings.Json
                ? await RunWithProgressAsync(evalTeam, options, cluster?.Send, cancellationToken)
                : await new EvalRunner(evalTeam, options, _host.TimeProvider) { RemoteCalls = cluster?.Send }.RunAsync(cancellationToken);
            if (cluster is not null)
            {
                await _host.Error.WriteLineAsync($"massgen eval: {cluster.Summary()}.");
            }

            if (settings.Json)
            {
                await _host.Output.WriteAsync(outcome.ReportJson);
            }
            else
            {
                await _host.Output.WriteLineAsync(await File.ReadAllTextAsync(Path.Combine(outcome.OutputDirectory, "report.md"), CancellationToken.None));
                await _host.Output.WriteLineAsync($"wrote {outcome.OutputDirectory}: manifest.json, items.jsonl, report.json, report.md, report.html");
            }

            if (!outcome.Complete)
            {
                await _host.Error.WriteLineAsync($"partial eval: {outcome.StopReason}");
            }

            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Answered;
        }
        catch (Exception exception) when (exception is EvalUsageException or EvaluationDataException or IOException or UnauthorizedAccessException)
        {
            await _host.Error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>The team as the eval sees it (on every node of a cluster alike, so that their configs compare equal).</summary>
    internal static EvalTeam ToEvalTeam(LoadedTeam team) =>
        new(team.Agents, team.Options) { RedactedConfig = team.RedactedConfig?.Value, Version = VersionInfo.Version, Commit = VersionInfo.Commit };

    /// <summary>
    /// Joins the cluster. Its own method, never inlined, so that only an eval with a cluster loads Orleans (the JIT
    /// loads a method's assemblies when it compiles the method).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<(EvalCluster.Joined? Joined, string? Error)> JoinClusterAsync(string redis, string configPath, EvalTeam team)
    {
        try
        {
            return (await EvalCluster.JoinAsync(redis, configPath, team, _host, _loader), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, e.Message);
        }
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(_host.WorkingDirectory, path));

    /// <summary>A Spectre progress bar with the ETA, the spend so far and each arm's running accuracy.</summary>
    private async Task<EvalOutcome> RunWithProgressAsync(EvalTeam team, EvalOptions options, EvalCallSender? remoteCalls, CancellationToken cancellationToken)
    {
        EvalOutcome? outcome = null;
        await _host.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                var runner = new EvalRunner(team, options, _host.TimeProvider)
                {
                    RemoteCalls = remoteCalls,
                    Progress = progress =>
                    {
                        task.MaxValue = Math.Max(1, progress.Total);
                        task.Value = progress.Finished;
                        task.Description = Markup.Escape(Describe(progress));
                    },
                };
                outcome = await runner.RunAsync(cancellationToken);
                task.Value = task.MaxValue;

                // The display refreshes on a timer; the last state is drawn once more so a short eval shows its end.
                context.Refresh();
            });
        return outcome!;
    }

    internal static string Describe(EvalProgress progress)
    {
        var arms = string.Join("  ", progress.Arms.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"{a.Arm} {(a.Scored == 0 ? "–" : $"{100.0 * a.Correct / a.Scored:0}%")}{(a.Errors > 0 ? $" ({a.Errors} err)" : "")}")));
        return string.Create(CultureInfo.InvariantCulture, $"{progress.Finished}/{progress.Total} units, ${progress.SpentUsd:0.####}  {arms}");
    }
}
