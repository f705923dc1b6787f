using System.Collections.Concurrent;
using MassGen.Core.Agents;
using MassGen.Evaluation.Eval.Benchmarks;
using MassGen.Evaluation.Eval.Reports;

namespace MassGen.Evaluation.Eval;

/// <summary>
/// Runs an eval: every item in every arm under every seed, concurrently, each finished unit appended to items.jsonl as
/// it ends; then the statistics and the reports. A unit whose model call fails is recorded as an error for that item
/// and arm and the eval goes on. The cost cap and cancellation stop the starting of new units; what finished is reported.
/// </summary>
public sealed partial class EvalRunner
{
    private readonly EvalTeam _team;
    private readonly EvalOptions _options;
    private readonly TimeProvider _time;
    private ArmCalls _calls;
    private readonly ConcurrentDictionary<(string Arm, int Item, int Seed), ItemRecord> _records = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (int Scored, int Correct, int Errors)> _running = new(StringComparer.Ordinal);
    private decimal _spent;
    private string? _stopReason;
    private int _total;
    private int _finished;
    private ItemsLog? _log;

    /// <summary>Creates a runner for a team and options; <paramref name="timeProvider"/> times the units (system clock when null).</summary>
    public EvalRunner(EvalTeam team, EvalOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(options);
        _team = team;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _calls = new ArmCalls(team, _time);
    }

    /// <summary>Called after every finished unit with the running figures (from several threads, one call at a time).</summary>
    public Action<EvalProgress>? Progress { get; init; }

    /// <summary>
    /// Where the model calls are made: null for this process; otherwise each call is sent (a cluster's nodes make them
    /// with their own copy of the team). Everything else, the files, the statistics, the cost cap, stays here.
    /// </summary>
    public EvalCallSender? RemoteCalls { get; init; }

    /// <summary>
    /// Runs the eval and writes every output file. Cancelling <paramref name="cancellationToken"/> stops gracefully: units
    /// in flight are abandoned (a resume runs them), the report covers what finished and says so.
    /// </summary>
    /// <exception cref="EvalUsageException">The options or the team do not allow the eval; the message says how to fix it.</exception>
    /// <exception cref="EvaluationDataException">The input file is malformed.</exception>
    public async Task<EvalOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        Validate();
        _calls = new ArmCalls(_team, _time, RemoteCalls);
        var members = _team.Agents.Select(a => a.Id).ToList();
        var benchmark = EvalBenchmark.Load(_options.Benchmark, _options.InputPath);
        var items = _options.Limit is { } limit ? [.. benchmark.Items.Take(limit)] : benchmark.Items;
        var plan = ArmPlan.Parse(_options.Arms, members, benchmark.SupportsVoting, _options.SelfConsistencyK is not null);
        var chairman = _options.Chairman ?? members[0];
        var selection = _options.SelectOnPath is { } selectPath && plan.Singles.Count > 0
            ? EvalBenchmark.Load(_options.Benchmark, selectPath)
            : null;

        Directory.CreateDirectory(_options.OutputDirectory);
        var manifestPath = Path.Combine(_options.OutputDirectory, "manifest.json");
        var itemsPath = Path.Combine(_options.OutputDirectory, "items.jsonl");
        var manifest = new EvalManifest
        {
            MassgenVersion = _team.Version,
            MassgenCommit = _team.Commit,
            Benchmark = benchmark.Name,
            Input = Path.GetFullPath(_options.InputPath),
            DatasetSha256 = EvalManifest.Sha256OfFile(_options.InputPath),
            Limit = _options.Limit,
            Items = items.Count,
            SelectOn = _options.SelectOnPath is null ? null : Path.GetFullPath(_options.SelectOnPath),
            SelectOnSha256 = _options.SelectOnPath is null ? null : EvalManifest.Sha256OfFile(_options.SelectOnPath),
            ConfigSha256 = _team.ConfigSha256(),
            Models = _team.Agents.ToDictionary(a => a.Id, a => a.ModelDescription, StringComparer.Ordinal),
            Seeds = [.. Enumerable.Range(1, _options.Seeds)],
            Arms = plan.Names,
            NotApplicable = plan.NotApplicable,
            Chairman = plan.Council ? chairman : null,
            SelfConsistencyK = _options.SelfConsistencyK,
            MaxCostUsd = _options.MaxCostUsd,
            BootstrapSeed = _options.BootstrapSeed,
            BootstrapResamples = _options.BootstrapResamples,
            StartedAt = _time.GetUtcNow(),
        };
        manifest = PrepareOutput(manifest, manifestPath, itemsPath);
        manifest.Write(manifestPath);

        using (_log = ItemsLog.Open(itemsPath, _options.Resume))
        {
            foreach (var record in _log.Existing)
            {
                _records[(record.Arm, record.ItemIndex, record.Seed)] = record;
                _spent += record.CostUsd ?? 0;
                Count(record);
            }

            _total = CountUnits(plan, items.Count, selection?.Items.Count ?? 0);
            CheckCap();
            var seeds = manifest.Seeds;
            if (selection is not null)
            {
                await ForEachAsync(selection.Items.Count, seeds, (i, s, ct) => RunSelectionAsync(selection, plan, i, s, ct), cancellationToken).ConfigureAwait(false);
            }

            await ForEachAsync(items.Count, seeds, (i, s, ct) => RunItemAsync(benchmark, plan, chairman, i, s, ct), cancellationToken).ConfigureAwait(false);
            string? best = null;
            int? k = null;
            if (plan.Singles.Count > 0)
            {
                best = BestSingle(plan, selection is null ? ArmPlan.SinglePrefix : ArmPlan.SelectPrefix + ArmPlan.SinglePrefix);
            }

            if (plan.SelfConsistency && best is not null)
            {
                k = _options.SelfConsistencyK ?? MatchTeamTokens(best);
                var agent = _team.Agents.First(a => a.Id == best);
                await ForEachAsync(items.Count, seeds, (i, s, ct) => RunSelfConsistencyAsync(benchmark, agent, k.Value, i, s, ct), cancellationToken).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _stopReason ??= "interrupted: the eval was stopped before every unit finished; run it again with --resume to finish it";
                }
            }

            var finished = manifest with { FinishedAt = _time.GetUtcNow() };
            finished.Write(manifestPath);
            var report = ReportBuilder.Build(new ReportInput(benchmark.Name, items, plan, [.. _records.Values], best, selection is null ? null : _options.SelectOnPath, k, _total, _stopReason, _options.MaxCostUsd, _options.BootstrapResamples, _options.BootstrapSeed));
            var json = ReportWriter.WriteAll(report, _options.OutputDirectory);
            return new EvalOutcome(report.Complete, _stopReason, json, _options.OutputDirectory);
        }
    }

    private void Validate()
    {
        var problems = new List<string>();
        if (_team.Agents.Count == 0)
        {
            problems.Add("the team has no agents; configure at least one.");
        }

        if (_options.Seeds < 1)
        {
            problems.Add($"--seeds must be at least 1 (got {_options.Seeds}).");
        }

        if (_options.Concurrency < 1)
        {
            problems.Add($"--concurrency must be at least 1 (got {_options.Concurrency}).");
        }

        if (_options.Limit is < 1)
        {
            problems.Add($"--limit must be at least 1 (got {_options.Limit}).");
        }

        if (_options.SelfConsistencyK is < 1)
        {
            problems.Add($"--sc-k must be at least 1 (got {_options.SelfConsistencyK}).");
        }

        if (_options.MaxCostUsd is <= 0)
        {
            problems.Add($"--max-cost-usd must be more than 0 (got {_options.MaxCostUsd}).");
        }

        if (_options.Chairman is { } chairman && _team.Agents.All(a => a.Id != chairman))
        {
            problems.Add($"--chairman: '{chairman}' is no member of the team; the members are {string.Join(", ", _team.Agents.Select(a => a.Id))}.");
        }

        if (problems.Count > 0)
        {
            throw new EvalUsageException(string.Join(Environment.NewLine, problems));
        }
    }

    private EvalManifest PrepareOutput(EvalManifest manifest, string manifestPath, string itemsPath)
    {
        if (_options.Resume)
        {
            if (EvalManifest.Read(manifestPath) is { } earlier)
            {
                var differences = manifest.DifferencesFrom(earlier);
                if (differences.Count > 0)
                {
                    throw new EvalUsageException($"--resume: {_options.OutputDirectory} holds a different eval ({string.Join("; ", differences)}); run the same command, or choose a new --output folder.");
                }

                return manifest with { StartedAt = earlier.StartedAt };
            }

            return manifest;
        }

        if (File.Exists(itemsPath) && new FileInfo(itemsPath).Length > 0)
        {
            throw new EvalUsageException($"{_options.OutputDirectory} already holds an eval (items.jsonl); add --resume to continue it, or choose another --output folder.");
        }

        return manifest;
    }

    private int CountUnits(ArmPlan plan, int items, int selectionItems)
    {
        var perItem = plan.Singles.Count + (plan.Vote ? 1 : 0) + (plan.SelfConsistency ? 1 : 0) + (plan.Council ? 1 : 0) + (plan.Team ? 1 : 0);
        return ((perItem * items) + (selectionItems * plan.Singles.Count)) * _options.Seeds;
    }

    private async Task ForEachAsync(int items, IReadOnlyList<int> seeds, Func<int, int, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var work = Enumerable.Range(0, items).SelectMany(i => seeds.Select(s => (Item: i, Seed: s)));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency };
        try
        {
            await Parallel.ForEachAsync(work, parallel, async (unit, _) =>
            {
                if (!cancellationToken.IsCancellationRequested && !Stopped)
                {
                    await body(unit.Item, unit.Seed, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Units in flight were abandoned; a resume runs them.
        }
    }

    private bool Stopped
    {
        get
        {
            lock (_gate)
            {
                return _stopReason is not null;
            }
        }
    }

    private string? BestSingle(ArmPlan plan, string prefix)
    {
        // Highest accuracy; ties go to the member listed first in the configuration.
        string? best = null;
        var bestAccuracy = -1.0;
        foreach (var member in plan.Singles)
        {
            var scored = _records.Values.Where(r => r.Arm == prefix + member && r.Correct is not null).ToList();
            var accuracy = scored.Count == 0 ? 0 : (double)scored.Count(r => r.Correct == true) / scored.Count;
            if (accuracy > bestAccuracy)
            {
                (best, bestAccuracy) = (member, accuracy);
            }
        }

        return best;
    }

    private int MatchTeamTokens(string best)
    {
        static double Median(List<long> values)
        {
            values.Sort();
            return values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2.0;
        }

        var team = Median([.. _records.Values.Where(r => r.Arm == ArmPlan.TeamArm && r.Error is null).Select(r => r.Tokens)]);
        var single = Median([.. _records.Values.Where(r => r.Arm == ArmPlan.SinglePrefix + best && r.Error is null).Select(r => r.Tokens)]);
        return single <= 0 || team <= 0 ? 1 : Math.Max(1, (int)Math.Round(team / single, MidpointRounding.AwayFromZero));
    }

    private static AgentDefinition Member(IReadOnlyList<AgentDefinition> agents, string id) => agents.First(a => a.Id == id);
}
