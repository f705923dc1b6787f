using MassGen.Core.Agents;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination.Internal;

/// <summary>
/// Everything the coordination loop knows about one agent. Only the loop reads or writes it (no locks): turns talk to
/// the loop through messages.
/// </summary>
internal sealed class AgentState(AgentDefinition definition, int index, string label)
{
    public AgentDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public int Index { get; } = index;

    public string Label { get; } = label;

    public IAgentEnvironment? Environment => Definition.Environment;

    /// <summary>The coordination system message, built once per run so it stays byte-identical across turns.</summary>
    public string SystemMessage { get; set; } = "";

    public CurrentAnswer? Answer { get; set; }

    public int AnswerCount { get; set; }

    /// <summary>The agent's vote on the current revision; cleared whenever an answer is accepted.</summary>
    public VoteRecord? Vote { get; set; }

    public bool Failed { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>The running coordination turn, if any.</summary>
    public TurnHandle? InFlight { get; set; }

    /// <summary>True while the agent waits out a back-off delay.</summary>
    public bool BackingOff { get; set; }

    /// <summary>Bumped on every back-off so a stale retry timer is recognised and ignored.</summary>
    public int BackoffGeneration { get; set; }

    /// <summary>Whether the agent's voting-deferral wait of this attempt has begun (it is bounded once per attempt).</summary>
    public bool DeferralStarted { get; set; }

    /// <summary>Whether the agent's voting-deferral wait of this attempt is over: it takes its turns without waiting.</summary>
    public bool DeferralSpent { get; set; }

    /// <summary>Turns taken in this run (all attempts, presentation included); numbers the next turn.</summary>
    public int TurnCount { get; set; }

    public TokenUsage Usage { get; set; } = TokenUsage.Zero;

    /// <summary>Active agents belong to the quorum; failed ones do not (their answers stay votable).</summary>
    public bool IsActive => !Failed;

    /// <summary>Needs a coordination turn now: active, idle, and without a counting vote.</summary>
    public bool NeedsTurn => !Failed && InFlight is null && !BackingOff && Vote is null;

    /// <summary>Clears the per-attempt state for a post-evaluation restart.</summary>
    public void ResetForAttempt()
    {
        Answer = null;
        AnswerCount = 0;
        Vote = null;
        Failed = false;
        ConsecutiveFailures = 0;
        InFlight = null;
        BackingOff = false;
        BackoffGeneration++;
        DeferralStarted = false;
        DeferralSpent = false;
    }
}

/// <summary>An agent's current answer, with the normalised text used for the identity and novelty checks.</summary>
internal sealed record CurrentAnswer(string Content, string Normalized, int Revision, int Number, DateTimeOffset AcceptedAt);
