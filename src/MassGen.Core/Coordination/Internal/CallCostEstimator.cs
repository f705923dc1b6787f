using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Estimates what a model call will cost before it starts: input tokens from the prompt's size at the rate the agent's
/// earlier calls showed (the team's rate, or about four characters a token, before it has any), output tokens as the
/// most the agent (or, before its first call, any agent) has produced in one call, and cost at the agent's price per
/// token. Not thread-safe: <see cref="BudgetGate"/> guards it.
/// </summary>
internal sealed class CallCostEstimator
{
    // A common rule of thumb for English text and JSON; replaced by the measured rate after the first reported call.
    private const double DefaultCharsPerToken = 4.0;

    private readonly Dictionary<string, History> _byAgent = new(StringComparer.Ordinal);
    private readonly History _team = new();

    public CallEstimate Estimate(string agentId, long promptChars)
    {
        var own = _byAgent.GetValueOrDefault(agentId);
        var source = own is { Calls: > 0 } ? own : _team;
        var charsPerToken = source.PromptChars > 0 && source.InputTokens > 0 ? (double)source.PromptChars / source.InputTokens : DefaultCharsPerToken;
        var input = (long)Math.Ceiling(promptChars / charsPerToken);
        var output = source.MaxOutputTokens;
        var tokens = input + output;
        decimal? cost = source.PricedTokens > 0 ? tokens * (source.CostUsd / source.PricedTokens) : null;
        return new CallEstimate(tokens, cost);
    }

    public void Record(string agentId, long promptChars, TokenUsage usage)
    {
        if (!_byAgent.TryGetValue(agentId, out var history))
        {
            history = new History();
            _byAgent[agentId] = history;
        }

        history.Add(promptChars, usage);
        _team.Add(promptChars, usage);
    }

    private sealed class History
    {
        public int Calls { get; private set; }

        public long PromptChars { get; private set; }

        public long InputTokens { get; private set; }

        public long MaxOutputTokens { get; private set; }

        public long PricedTokens { get; private set; }

        public decimal CostUsd { get; private set; }

        public void Add(long promptChars, TokenUsage usage)
        {
            Calls++;
            // Calls whose prompt size is unknown (zero) still teach the output size, not the input rate.
            if (promptChars > 0 && usage.InputTokens > 0)
            {
                PromptChars += promptChars;
                InputTokens += usage.InputTokens;
            }

            MaxOutputTokens = Math.Max(MaxOutputTokens, usage.OutputTokens);
            if (usage.CostUsd is { } cost)
            {
                PricedTokens += usage.TotalTokens;
                CostUsd += cost;
            }
        }
    }
}

/// <summary>The expected tokens of one call, and its expected cost when the agent's calls are priced.</summary>
internal readonly record struct CallEstimate(long Tokens, decimal? CostUsd);
