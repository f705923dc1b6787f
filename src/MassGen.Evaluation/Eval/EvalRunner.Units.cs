using MassGen.Core.Agents;
using MassGen.Core.Results;
using MassGen.Evaluation.Eval.Benchmarks;

namespace MassGen.Evaluation.Eval;

/// <summary>The units of one item: the members alone, the vote over their answers, the council, the team, self-consistency.</summary>
public sealed partial class EvalRunner
{
    private async Task RunItemAsync(EvalBenchmark benchmark, ArmPlan plan, string chairman, int index, int seed, CancellationToken cancellationToken)
    {
        var item = benchmark.Items[index];
        var singles = plan.Singles.Select(id => RunUnitAsync(ArmPlan.SinglePrefix + id, item, index, seed, ct => AskAsync(benchmark, Member(_team.Agents, id), item, index, seed, seed, ct), cancellationToken));
        var team = plan.Team ? RunUnitAsync(ArmPlan.TeamArm, item, index, seed, ct => CoordinateAsync(benchmark, item, index, seed, ct), cancellationToken) : Task.FromResult<ItemRecord?>(null);
        var answers = await Task.WhenAll(singles).ConfigureAwait(false);
        if (answers.Any(a => a is null))
        {
            // Stopped before every member answered: the vote and the council wait for a resume.
            await team.ConfigureAwait(false);
            return;
        }

        var members = answers.Select(a => a!).ToList();
        if (plan.Vote)
        {
            await RunUnitAsync(ArmPlan.VoteArm, item, index, seed, _ => Task.FromResult(Plurality(benchmark, ArmPlan.VoteArm, item, index, seed, members)), cancellationToken).ConfigureAwait(false);
        }

        if (plan.Council)
        {
            await RunUnitAsync(ArmPlan.CouncilArm, item, index, seed, ct => CouncilAsync(benchmark, Member(_team.Agents, chairman), item, index, seed, members, ct), cancellationToken).ConfigureAwait(false);
        }

        await team.ConfigureAwait(false);
    }

    private async Task RunSelectionAsync(EvalBenchmark selection, ArmPlan plan, int index, int seed, CancellationToken cancellationToken)
    {
        var item = selection.Items[index];
        await Task.WhenAll(plan.Singles.Select(id => RunUnitAsync(ArmPlan.SelectPrefix + ArmPlan.SinglePrefix + id, item, index, seed,
            ct => AskAsync(selection, Member(_team.Agents, id), item, index, seed, seed, ct), cancellationToken))).ConfigureAwait(false);
    }

    private Task<ItemRecord?> RunSelfConsistencyAsync(EvalBenchmark benchmark, AgentDefinition agent, int k, int index, int seed, CancellationToken cancellationToken)
    {
        var item = benchmark.Items[index];
        return RunUnitAsync(ArmPlan.SelfConsistencyArm, item, index, seed, async ct =>
        {
            // Each sample has its own seed so a provider that honours seeds gives k different samples.
            var samples = new List<ItemRecord>();
            for (var sample = 1; sample <= k; sample++)
            {
                try
                {
                    samples.Add(await AskAsync(benchmark, agent, item, index, seed, ((long)seed * 1000) + sample, ct).ConfigureAwait(false));
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    samples.Add(Failed(ArmPlan.SelfConsistencyArm, item, index, seed, exception, 0));
                }
            }

            return Plurality(benchmark, ArmPlan.SelfConsistencyArm, item, index, seed, samples, sequential: true) with { Samples = k };
        }, cancellationToken);
    }

    /// <summary>Runs one unit unless it finished before (resume) or the eval is stopping; records and returns it.</summary>
    private async Task<ItemRecord?> RunUnitAsync(string arm, EvalItem item, int index, int seed, Func<CancellationToken, Task<ItemRecord>> body, CancellationToken cancellationToken)
    {
        if (_records.TryGetValue((arm, index, seed), out var done))
        {
            return done;
        }

        if (cancellationToken.IsCancellationRequested || Stopped)
        {
            return null;
        }

        var started = _time.GetTimestamp();
        ItemRecord record;
        try
        {
            record = await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            record = Failed(arm, item, index, seed, exception, _time.GetElapsedTime(started).TotalSeconds);
        }

        record = record with { Arm = arm, WallSeconds = record.WallSeconds > 0 ? record.WallSeconds : _time.GetElapsedTime(started).TotalSeconds };
        Finish(record);
        return record;
    }

    private async Task<ItemRecord> AskAsync(EvalBenchmark benchmark, AgentDefinition agent, EvalItem item, int index, int seed, long callSeed, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (response, usage) = await _calls.AskAsync(agent, item.Prompt, callSeed, cancellationToken).ConfigureAwait(false);
        var judgement = benchmark.Judge(index, response);
        return new ItemRecord
        {
            ItemId = item.Id,
            ItemIndex = index,
            Arm = ArmPlan.SinglePrefix + agent.Id,
            Seed = seed,
            Response = response,
            Extracted = judgement.Extracted,
            Correct = judgement.Correct,
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            CostUsd = usage.CostUsd,
            WallSeconds = _time.GetElapsedTime(started).TotalSeconds,
        };
    }

    private async Task<ItemRecord> CoordinateAsync(EvalBenchmark benchmark, EvalItem item, int index, int seed, CancellationToken cancellationToken)
    {
        var result = await _calls.CoordinateAsync(item.Prompt, seed, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var usage = result.Usage;
        var record = new ItemRecord
        {
            ItemId = item.Id,
            ItemIndex = index,
            Arm = ArmPlan.TeamArm,
            Seed = seed,
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            CostUsd = usage.CostUsd,
            WallSeconds = result.Seconds,
            TeamRunId = $"eval-{item.Id}-seed{seed}",
            Team = result.Figures,
        };
        if (result.FinalAnswer is not { } answer)
        {
            return record with { Error = $"the team gave no answer ({result.TerminationReason}: {result.TerminationDetail})" };
        }

        var judgement = benchmark.Judge(index, answer);
        return record with { Response = answer, Extracted = judgement.Extracted, Correct = judgement.Correct };
    }

    private async Task<ItemRecord> CouncilAsync(EvalBenchmark benchmark, AgentDefinition chairman, EvalItem item, int index, int seed, IReadOnlyList<ItemRecord> members, CancellationToken cancellationToken)
    {
        var answered = members.Where(m => m.Error is null && m.Response is not null).ToList();
        var spent = Sum(members);
        if (answered.Count == 0)
        {
            return Failed(ArmPlan.CouncilArm, item, index, seed, new InvalidOperationException("no member answered, so the chairman had nothing to synthesise"), 0) with
            {
                InputTokens = spent.InputTokens,
                OutputTokens = spent.OutputTokens,
                CostUsd = spent.CostUsd,
            };
        }

        var prompt = Core.Prompts.EvaluationPrompts.CouncilSynthesis(item.Prompt, [.. answered.Select(m => m.Response!)]);
        var synthesis = await AskAsync(benchmark, chairman, item with { Prompt = prompt }, index, seed, seed, cancellationToken).ConfigureAwait(false);
        var total = spent.Add(new TokenUsage { InputTokens = synthesis.InputTokens, OutputTokens = synthesis.OutputTokens, CostUsd = synthesis.CostUsd });
        return synthesis with
        {
            Arm = ArmPlan.CouncilArm,
            InputTokens = total.InputTokens,
            OutputTokens = total.OutputTokens,
            CostUsd = total.CostUsd,
            WallSeconds = members.Max(m => m.WallSeconds) + synthesis.WallSeconds,
        };
    }

    /// <summary>
    /// The plurality of the extracted answers; a tie goes to the answer drawn with a random generator seeded by the eval
    /// seed and the item, so the same eval always breaks it the same way. No answer read from any response is wrong.
    /// </summary>
    private static ItemRecord Plurality(EvalBenchmark benchmark, string arm, EvalItem item, int index, int seed, List<ItemRecord> samples, bool sequential = false)
    {
        var answered = samples.Where(s => s.Error is null).ToList();
        var spent = Sum(samples);
        var wall = sequential ? samples.Sum(s => s.WallSeconds) : samples.Count == 0 ? 0 : samples.Max(s => s.WallSeconds);
        var baseRecord = new ItemRecord
        {
            ItemId = item.Id,
            ItemIndex = index,
            Arm = arm,
            Seed = seed,
            InputTokens = spent.InputTokens,
            OutputTokens = spent.OutputTokens,
            CostUsd = spent.CostUsd,
            WallSeconds = wall,
        };
        if (answered.Count == 0)
        {
            return baseRecord with { Error = "every sample failed: " + (samples.Count > 0 ? samples[0].Error : null) };
        }

        var counts = answered.Where(s => s.Extracted is not null).GroupBy(s => s.Extracted!, StringComparer.Ordinal).Select(g => (Answer: g.Key, Count: g.Count())).ToList();
        if (counts.Count == 0)
        {
            return baseRecord with { Response = answered[0].Response, Correct = false };
        }

        var top = counts.Max(c => c.Count);
        var tied = counts.Where(c => c.Count == top).Select(c => c.Answer).Order(StringComparer.Ordinal).ToList();
        var winner = tied.Count == 1 ? tied[0] : tied[new Random(HashCode.Combine(seed, index) & int.MaxValue).Next(tied.Count)];
        var response = answered.First(s => s.Extracted == winner).Response!;
        return baseRecord with { Response = response, Extracted = winner, Correct = benchmark.Judge(index, response).Correct };
    }

    private static TokenUsage Sum(IEnumerable<ItemRecord> records) =>
        records.Aggregate(TokenUsage.Zero, (sum, r) => sum.Add(new TokenUsage { InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostUsd = r.CostUsd }));

    private static ItemRecord Failed(string arm, EvalItem item, int index, int seed, Exception exception, double wallSeconds) => new()
    {
        ItemId = item.Id,
        ItemIndex = index,
        Arm = arm,
        Seed = seed,
        // A call that failed on another node is recorded with its original exception's type, as if it had failed here.
        Error = $"{(exception as EvalCallFailedException)?.TypeName ?? exception.GetType().Name}: {exception.Message}",
        WallSeconds = wallSeconds,
    };

    private void Finish(ItemRecord record)
    {
        _log!.Append(record);
        _records[(record.Arm, record.ItemIndex, record.Seed)] = record;
        EvalProgress? progress = null;
        lock (_gate)
        {
            _spent += record.CostUsd ?? 0;
            Count(record);
            CheckCap();
            if (Progress is not null)
            {
                progress = Snapshot();
            }
        }

        if (progress is not null)
        {
            Progress?.Invoke(progress);
        }
    }

    private void CheckCap()
    {
        lock (_gate)
        {
            if (_options.MaxCostUsd is { } cap && _spent >= cap && _stopReason is null)
            {
                _stopReason = $"cost cap reached: ${_spent:0.######} spent of --max-cost-usd {cap:0.######}; no new units were started, the units in flight finished";
            }
        }
    }

    /// <summary>Adds a finished unit to the running figures (under the gate; a resumed unit counts once).</summary>
    private void Count(ItemRecord record)
    {
        _finished++;
        if (record.Arm.StartsWith(ArmPlan.SelectPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var (scored, correct, errors) = _running.GetValueOrDefault(record.Arm);
        _running[record.Arm] = (scored + (record.Correct is null ? 0 : 1), correct + (record.Correct == true ? 1 : 0), errors + (record.Error is null ? 0 : 1));
    }

    private EvalProgress Snapshot() =>
        new(_finished, _total, _spent, [.. _running.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ArmProgress(p.Key, p.Value.Scored, p.Value.Correct, p.Value.Errors))]);
}
