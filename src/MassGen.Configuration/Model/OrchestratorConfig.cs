using MassGen.Core.Coordination;

namespace MassGen.Configuration;

/// <summary>The <c>orchestrator</c> section (CONFIG.md, "Orchestrator"); defaults are the documented ones.</summary>
public sealed record OrchestratorConfig
{
    /// <summary><c>voting_sensitivity</c>; default lenient.</summary>
    public VotingSensitivity VotingSensitivity { get; init; } = VotingSensitivity.Lenient;

    /// <summary><c>answer_novelty_requirement</c>; default lenient.</summary>
    public AnswerNoveltyRequirement AnswerNoveltyRequirement { get; init; } = AnswerNoveltyRequirement.Lenient;

    /// <summary><c>max_new_answers_per_agent</c>; default 3, <c>null</c> for unlimited.</summary>
    public int? MaxNewAnswersPerAgent { get; init; } = 3;

    /// <summary><c>context_paths</c> shared by every agent.</summary>
    public IReadOnlyList<ContextPathConfig> ContextPaths { get; init; } = [];

    /// <summary><c>skip_coordination_rounds</c> (debug); default false.</summary>
    public bool SkipCoordinationRounds { get; init; }

    /// <summary>The <c>coordination</c> subsection.</summary>
    public CoordinationConfig Coordination { get; init; } = new();

    /// <summary><c>seed</c> (new); <c>null</c> for a random seed that is logged.</summary>
    public int? Seed { get; init; }

    /// <summary><c>shuffle_answers</c> (new); default true.</summary>
    public bool ShuffleAnswers { get; init; } = true;

    /// <summary><c>mark_own_answer</c> (new); default false.</summary>
    public bool MarkOwnAnswer { get; init; }

    /// <summary><c>on_new_answer</c> (new); default inject.</summary>
    public NewAnswerPolicy OnNewAnswer { get; init; } = NewAnswerPolicy.Inject;

    /// <summary><c>tie_break</c> (new); default registration.</summary>
    public TieBreak TieBreak { get; init; } = TieBreak.Registration;

    /// <summary><c>final_presentation</c> (new); default full.</summary>
    public FinalPresentationMode FinalPresentation { get; init; } = FinalPresentationMode.Full;

    /// <summary><c>max_decision_retries</c> (new); default 2.</summary>
    public int MaxDecisionRetries { get; init; } = 2;

    /// <summary><c>max_consecutive_failures</c> (new); default 3.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary><c>agent_turn_timeout_seconds</c> (new); default 600.</summary>
    public double AgentTurnTimeoutSeconds { get; init; } = 600;

    /// <summary><c>presentation_timeout_seconds</c> (new); default 300.</summary>
    public double PresentationTimeoutSeconds { get; init; } = 300;

    /// <summary>
    /// <c>defer_voting_until_all_answered</c>: an agent that has answered waits for its peers' first answers before it
    /// votes; default true (the original defaults to false; here it saves the calls a premature vote wastes).
    /// </summary>
    public bool DeferVotingUntilAllAnswered { get; init; } = true;

    /// <summary><c>voting_deferral_limit_seconds</c> (new): the longest one agent waits for them; default 60.</summary>
    public double VotingDeferralLimitSeconds { get; init; } = 60;

    /// <summary><c>wrap_up_at</c> (new): fraction of the time or budget after which agents must converge; default 0.8.</summary>
    public double WrapUpAt { get; init; } = 0.8;

    /// <summary><c>topology</c> (new): who reads whose answers — all (default), islands or tournament.</summary>
    public TeamTopology Topology { get; init; } = TeamTopology.All;

    /// <summary><c>group_size</c> (new): agents per group or bracket under islands and tournament; at least 2, default 4.</summary>
    public int GroupSize { get; init; } = OrchestratorOptions.DefaultGroupSize;
}
