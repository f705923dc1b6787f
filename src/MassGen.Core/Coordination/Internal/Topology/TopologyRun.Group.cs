using System.Globalization;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal.Topology;

/// <summary>One group: an ordinary coordination among its members, whose events join the merged stream.</summary>
internal sealed partial class TopologyRun
{
    private async Task<GroupOutcome> RunGroupAsync(int round, int index, List<Contender> members, bool isFinal)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{round}.{index}");
        var startsFromAnswers = members.Any(m => m.Answer is not null);
        Emit(new GroupFormed(round, [.. members.Select(m => m.Agent.Id)], startsFromAnswers), key);

        // A lone answer in a bracket has nothing to be compared with: it advances without spending a call.
        if (!isFinal && members is [{ Answer: { } bye } alone])
        {
            return Converged(new GroupRecord(key, round, [alone.Agent.Id], alone.Agent.Id, bye, TerminationReason.SingleAgent, "A bye: the only answer in its bracket advances.", null), alone);
        }

        var remaining = Remaining();
        if (remaining <= TimeSpan.Zero)
        {
            return Failed(new GroupRecord(key, round, [.. members.Select(m => m.Agent.Id)], null, null, TerminationReason.Timeout, "The orchestrator timeout ran out before the group could start.", null));
        }

        var run = new CoordinationRun(
            [.. members.Select(m => m.Agent)],
            GroupOptions(round, index, isFinal, startsFromAnswers, remaining),
            _time,
            _request with { Control = _answerNow.NewControl() },
            GroupPlanner.GroupSeed(_seed, round, index),
            new RunStart(members.Where(m => m.Answer is not null).ToDictionary(m => m.Agent.Id, m => m.Answer!, StringComparer.Ordinal), _budget));
        CoordinationResult? result = null;
        await using (run.ConfigureAwait(false))
        {
            run.Start(_callerToken);
            await foreach (var coordinationEvent in run.Events.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                if (coordinationEvent is RunFinished finished)
                {
                    result = finished.Result;
                }
                else if (IsForwarded(coordinationEvent, isFinal))
                {
                    Emit(coordinationEvent, key);
                }
            }
        }

        var ids = members.Select(m => m.Agent.Id).ToList();
        if (result is null)
        {
            return Failed(new GroupRecord(key, round, ids, null, null, TerminationReason.AllFailed, "The group's coordination ended without a result.", null));
        }

        // Between rounds the winning answer advances as written; the final group's is what the winner presented.
        var winning = isFinal ? result.FinalAnswer : result.Answers.LastOrDefault(a => a.AgentId == result.WinnerId)?.Content;
        var winner = members.FirstOrDefault(m => m.Agent.Id == result.WinnerId);
        var record = new GroupRecord(key, round, ids, winner is null || winning is null ? null : winner.Agent.Id, winning, result.TerminationReason, result.TerminationDetail, result);
        return record.WinnerId is null ? Failed(record) : Converged(record, winner! with { Answer = winning });
    }

    /// <summary>
    /// A group's settings: the run's, with the time left, its own seed, and no presentation (nor post-evaluation) before
    /// the last round. Once answers are being compared (a tournament's later brackets), members vote only: their winning
    /// answer already counts as their one answer.
    /// </summary>
    private OrchestratorOptions GroupOptions(int round, int index, bool isFinal, bool startsFromAnswers, TimeSpan remaining) => _options with
    {
        Topology = TeamTopology.All,
        Seed = GroupPlanner.GroupSeed(_seed, round, index),
        OrchestratorTimeout = remaining,
        UseOrchestratorForSingleAgent = true,
        FinalPresentation = isFinal ? _options.FinalPresentation : FinalPresentationMode.Skip,
        MaxOrchestrationRestarts = isFinal ? _options.MaxOrchestrationRestarts : 0,
        MaxNewAnswersPerAgent = startsFromAnswers && _options.Topology == TeamTopology.Tournament ? 1 : _options.MaxNewAnswersPerAgent,
    };

    /// <summary>
    /// A group's own start and end are replaced by the group events; before the last round its (skipped) presentation
    /// is not the run's, so it is left out too.
    /// </summary>
    private static bool IsForwarded(CoordinationEvent coordinationEvent, bool isFinal) => coordinationEvent switch
    {
        RunStarted or RunFinished => false,
        PresentationFinished => isFinal,
        _ => true,
    };

    private GroupOutcome Converged(GroupRecord record, Contender advancing)
    {
        Record(record);
        Emit(new GroupConverged(record.Round, record.WinnerId!, record.Reason, record.WinningAnswer!), record.Key);
        return new GroupOutcome(record, advancing);
    }

    private GroupOutcome Failed(GroupRecord record)
    {
        Record(record);
        Emit(new GroupFailed(record.Round, record.Reason, record.Detail), record.Key);
        return new GroupOutcome(record, null);
    }

    private void Record(GroupRecord record)
    {
        lock (_groups)
        {
            _groups.Add(record);
        }
    }
}

/// <summary>What one group produced; <see cref="Result"/> is its coordination's own result (none for a bye).</summary>
internal sealed record GroupRecord(string Key, int Round, IReadOnlyList<string> AgentIds, string? WinnerId, string? WinningAnswer, TerminationReason Reason, string? Detail, CoordinationResult? Result);

/// <summary>A group's record and the contender it sends to the next round (none when it has no winner).</summary>
internal sealed record GroupOutcome(GroupRecord Record, Contender? Advancing);
