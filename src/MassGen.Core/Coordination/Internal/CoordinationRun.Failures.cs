using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>Failed turns with back-off, failed agents, wrap-up and budgets (COORDINATION.md §6–7).</summary>
internal sealed partial class CoordinationRun
{
    private void OnTurnFailed(TurnHandle turn, string error, bool timedOut, bool permanent = false)
    {
        var agent = turn.Agent;
        if (timedOut)
        {
            Emit(new AgentTimedOut(agent.Id, turn.TurnNumber, _options.AgentTurnTimeout));
        }

        agent.ConsecutiveFailures++;
        Emit(new TurnFailed(agent.Id, turn.TurnNumber, error, agent.ConsecutiveFailures));
        // A permanent failure (rejected key, missing model…) would fail the same way after every back-off: stop now.
        if (permanent || agent.ConsecutiveFailures >= _options.MaxConsecutiveFailures)
        {
            // The agent leaves the quorum; its current answer stays visible and votable.
            agent.Failed = true;
            _failures.Add(new AgentFailure(agent.Id, agent.Label, error, _time.GetUtcNow()));
            Emit(new AgentFailed(agent.Id, agent.Label, error));
            return;
        }

        var delay = BackoffDelay(agent.ConsecutiveFailures);
        agent.BackingOff = true;
        var generation = ++agent.BackoffGeneration;
        // The delay starts before the event is published, so whoever reacts to the event (a clock) sees it running.
        _ = PostAfterDelayAsync(delay, new RetryDueMessage(agent, generation));
        Emit(new AgentRetrying(agent.Id, agent.ConsecutiveFailures + 1, delay, error));
    }

    /// <summary>The end of a run nobody could finish, naming each agent's last error so the reason is on the result.</summary>
    private string EveryAgentFailedText() =>
        "Every agent failed. " + string.Join(" ", _failures.Where(f => _agents.Any(a => a.Failed && a.Id == f.AgentId))
            .Select(f => $"{f.AgentId}: {f.Error.TrimEnd('.')}."));

    /// <summary>Exponential back-off (base, 2×base, 4×base …) with ±10 % seeded jitter, never above the maximum.</summary>
    private TimeSpan BackoffDelay(int failures)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.TotalMilliseconds);
        var jittered = capped * (0.9 + (_jitter.NextDouble() * 0.2));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.RetryMaxDelay.TotalMilliseconds));
    }

    private async Task PostAfterDelayAsync(TimeSpan delay, LoopMessage message)
    {
        try
        {
            await Task.Delay(delay, _time, _abort.Token).ConfigureAwait(false);
            Post(message);
        }
        catch (OperationCanceledException)
        {
            // The run ended first.
        }
    }

    private void StartWrapUp(string reason)
    {
        if (_current.WrapUp)
        {
            return;
        }

        _current.WrapUp = true;
        Emit(new WrapUpStarted(_time.GetUtcNow() - _current.StartedAt, reason));
    }

    private void CheckBudget()
    {
        if (_options.MaxTotalTokens is null && _options.MaxCostUsd is null)
        {
            return;
        }

        var total = _agents.Aggregate(TokenUsage.Zero, (sum, a) => sum.Add(a.Usage));
        if (_options.MaxTotalTokens is { } maxTokens)
        {
            if (total.TotalTokens >= maxTokens)
            {
                Stop(TerminationReason.Budget, $"The token budget of {maxTokens} was used up ({total.TotalTokens} tokens).");
            }
            else if (total.TotalTokens >= maxTokens * _options.WrapUpAt)
            {
                StartWrapUp($"{_options.WrapUpAt:P0} of the token budget is spent");
            }
        }

        if (_options.MaxCostUsd is { } maxCost && total.CostUsd is { } cost)
        {
            if (cost >= maxCost)
            {
                Stop(TerminationReason.Budget, $"The cost budget of ${maxCost} was used up (${cost:0.######}).");
            }
            else if (cost >= maxCost * (decimal)_options.WrapUpAt)
            {
                StartWrapUp($"{_options.WrapUpAt:P0} of the cost budget is spent");
            }
        }
    }
}
