using MassGen.Core.Results;
using Microsoft.Extensions.AI;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Makes a token or cost budget a ceiling: a model call starts only when the spend so far, plus what the calls
/// already in flight are expected to cost, plus this call's own estimate stays within the limit. Turns run on their
/// own tasks, so the tally is guarded by a lock.
/// </summary>
internal sealed class BudgetGate(long? maxTokens, decimal? maxCostUsd)
{
    private readonly Lock _lock = new();
    private readonly CallCostEstimator _estimator = new();
    private readonly HashSet<Reservation> _inFlight = [];
    private long _spentTokens;
    private decimal _spentCost;

    public bool Enabled => maxTokens is not null || maxCostUsd is not null;

    /// <summary>Reserves the expected cost of one call, or returns <c>null</c> and why when it would pass a limit.</summary>
    public Reservation? TryReserve(string agentId, long promptChars, out string? refusal)
    {
        refusal = null;
        lock (_lock)
        {
            var estimate = _estimator.Estimate(agentId, promptChars);
            var reservation = new Reservation(agentId, promptChars, estimate);
            if (!Enabled)
            {
                return reservation;
            }

            var reservedTokens = _inFlight.Sum(r => r.Estimate.Tokens);
            if (maxTokens is { } tokenLimit && _spentTokens + reservedTokens + estimate.Tokens > tokenLimit)
            {
                refusal = $"The token budget of {tokenLimit} has no room for another call: {_spentTokens} tokens spent, " +
                          $"{reservedTokens} expected from calls in flight, about {estimate.Tokens} needed for the next one.";
                return null;
            }

            var reservedCost = _inFlight.Sum(r => r.Estimate.CostUsd ?? 0m);
            if (maxCostUsd is { } costLimit && estimate.CostUsd is { } cost && _spentCost + reservedCost + cost > costLimit)
            {
                refusal = $"The cost budget of ${costLimit} has no room for another call: ${_spentCost:0.######} spent, " +
                          $"${reservedCost:0.######} expected from calls in flight, about ${cost:0.######} needed for the next one.";
                return null;
            }

            _inFlight.Add(reservation);
            return reservation;
        }
    }

    /// <summary>Ends a reservation with what the provider reported (zero when it reported nothing).</summary>
    public void Settle(Reservation reservation, TokenUsage? usage)
    {
        lock (_lock)
        {
            _inFlight.Remove(reservation);
            if (usage is null || usage.TotalTokens == 0)
            {
                return;
            }

            _spentTokens += usage.TotalTokens;
            _spentCost += usage.CostUsd ?? 0m;
            _estimator.Record(reservation.AgentId, reservation.PromptChars, usage);
        }
    }

    /// <summary>Counts what a resumed run had spent before it stopped.</summary>
    public void AddSpent(TokenUsage usage)
    {
        lock (_lock)
        {
            _spentTokens += usage.TotalTokens;
            _spentCost += usage.CostUsd ?? 0m;
        }
    }

    /// <summary>Counts a call that bypassed the gate (presentation, review) so later estimates see the spend.</summary>
    public void Count(string agentId, long promptChars, TokenUsage usage) => Settle(new Reservation(agentId, promptChars, default), usage);

    /// <summary>The size of a prompt in characters: every text, tool call and tool result a model is sent.</summary>
    public static long PromptChars(IEnumerable<ChatMessage> messages)
    {
        long chars = 0;
        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            chars += content switch
            {
                TextContent text => text.Text.Length,
                TextReasoningContent reasoning => reasoning.Text.Length,
                FunctionCallContent call => call.Name.Length + (call.Arguments?.Sum(a => a.Key.Length + (a.Value?.ToString()?.Length ?? 0)) ?? 0),
                FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                _ => 0,
            };
        }

        return chars;
    }

    /// <summary>One call's claim on the budget while it runs (compared by reference: two calls may look alike).</summary>
    internal sealed class Reservation(string agentId, long promptChars, CallEstimate estimate)
    {
        public string AgentId { get; } = agentId;

        public long PromptChars { get; } = promptChars;

        public CallEstimate Estimate { get; } = estimate;
    }
}
