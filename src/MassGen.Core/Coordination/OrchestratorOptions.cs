namespace MassGen.Core.Coordination;

/// <summary>
/// Coordination settings (COORDINATION.md, CONFIG.md <c>orchestrator</c> and <c>timeout_settings</c>).
/// Every default is the documented one. Invalid values are reported all at once by <see cref="Validate"/>.
/// </summary>
public sealed record OrchestratorOptions
{
    /// <summary>How readily agents are told to vote rather than answer again. Prompt wording only. Default lenient.</summary>
    public VotingSensitivity VotingSensitivity { get; init; } = VotingSensitivity.Lenient;

    /// <summary>How different a new answer must be from the current ones (prompt wording and a Jaccard check). Default lenient.</summary>
    public AnswerNoveltyRequirement AnswerNoveltyRequirement { get; init; } = AnswerNoveltyRequirement.Lenient;

    /// <summary>Per-agent cap on accepted answers; <c>null</c> means unlimited. Default 3.</summary>
    public int? MaxNewAnswersPerAgent { get; init; } = 3;

    /// <summary>Seed for labels, answer order and random tie-breaks; <c>null</c> picks one at random (it is reported in the result).</summary>
    public int? Seed { get; init; }

    /// <summary>Each viewer sees the current answers in its own seeded order. Default true.</summary>
    public bool ShuffleAnswers { get; init; } = true;

    /// <summary>Marks the viewer's own answer in the answers block. Default false.</summary>
    public bool MarkOwnAnswer { get; init; }

    /// <summary>What happens to in-flight turns when an answer is accepted. Default inject.</summary>
    public NewAnswerPolicy OnNewAnswer { get; init; } = NewAnswerPolicy.Inject;

    /// <summary>How a tie between answers with the same number of votes is broken. Default registration order.</summary>
    public TieBreak TieBreak { get; init; } = TieBreak.Registration;

    /// <summary>Whether the winner presents a final answer or its answer is used verbatim. Default full.</summary>
    public FinalPresentationMode FinalPresentation { get; init; } = FinalPresentationMode.Full;

    /// <summary>Rejected decisions fed back before the turn fails. Default 2 (three tries).</summary>
    public int MaxDecisionRetries { get; init; } = 2;

    /// <summary>Failed turns in a row after which an agent leaves the quorum. Default 3.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>Time limit of one coordination turn. Default 600 s.</summary>
    public TimeSpan AgentTurnTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Time limit of the final presentation. Default 300 s.</summary>
    public TimeSpan PresentationTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Wall-clock budget of the whole coordination. Default 1800 s.</summary>
    public TimeSpan OrchestratorTimeout { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>Fraction of the time (or token/cost) budget after which <c>new_answer</c> is withdrawn. Default 0.8.</summary>
    public double WrapUpAt { get; init; } = 0.8;

    /// <summary>First back-off delay after a failed turn; doubles per failure. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the back-off delay. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ordinary tool-call rounds allowed within one turn. Default 25.</summary>
    public int MaxToolIterationsPerTurn { get; init; } = 25;

    /// <summary>Failed tool calls in a row after which the turn fails. Default 5.</summary>
    public int MaxConsecutiveToolErrors { get; init; } = 5;

    /// <summary>Debug: the first agent answers once and presents, without voting. Default false.</summary>
    public bool SkipCoordinationRounds { get; init; }

    /// <summary>Post-evaluation restarts allowed (COORDINATION.md §9). Default 0 (no post-evaluation).</summary>
    public int MaxOrchestrationRestarts { get; init; }

    /// <summary>With one agent, coordinate anyway (quorum of one). When false the single agent answers directly. Default true.</summary>
    public bool UseOrchestratorForSingleAgent { get; init; } = true;

    /// <summary>
    /// An agent that has answered does not start a voting turn while a peer's first answer is still being written: a
    /// vote cast then would be made stale by that answer and asked again. Bounded per agent by
    /// <see cref="VotingDeferralLimit"/>. Default true.
    /// </summary>
    public bool DeferVotingUntilAllAnswered { get; init; } = true;

    /// <summary>
    /// How long one agent waits at most (once per attempt) for its peers' first answers before it takes its next turn
    /// anyway, so a slow agent never holds the others back for longer. Default 60 s.
    /// </summary>
    public TimeSpan VotingDeferralLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Hard ceiling on tokens across all agents; <c>null</c> for none.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>Hard ceiling on cost in USD across all agents (needs priced usage); <c>null</c> for none.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Who reads whose answers: everyone (<c>all</c>, the default), groups then a final group, or brackets.</summary>
    public TeamTopology Topology { get; init; } = TeamTopology.All;

    /// <summary>Agents per group or bracket for <see cref="TeamTopology.Islands"/> and <see cref="TeamTopology.Tournament"/>. Default 4.</summary>
    public int GroupSize { get; init; } = DefaultGroupSize;

    /// <summary>The default of <see cref="GroupSize"/>: four answers fit in one turn's context comfortably, and 4 → 2 levels covers 16 agents.</summary>
    public const int DefaultGroupSize = 4;

    /// <summary>
    /// Record the task, answers, vote reasons and the final answer on the trace spans (<see cref="Diagnostics.MassGenTelemetry"/>).
    /// Off by default: traces leave the machine, and prompts may hold secrets.
    /// </summary>
    public bool CaptureTelemetryContent { get; init; }

    /// <summary>Every problem with these options, each naming the option and how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Check(MaxNewAnswersPerAgent is null or > 0, $"{nameof(MaxNewAnswersPerAgent)} must be at least 1 or null (unlimited); got {MaxNewAnswersPerAgent}.");
        Check(MaxDecisionRetries >= 0, $"{nameof(MaxDecisionRetries)} must be 0 or more; got {MaxDecisionRetries}.");
        Check(MaxConsecutiveFailures >= 1, $"{nameof(MaxConsecutiveFailures)} must be at least 1; got {MaxConsecutiveFailures}.");
        Check(AgentTurnTimeout > TimeSpan.Zero, $"{nameof(AgentTurnTimeout)} must be positive; got {AgentTurnTimeout}.");
        Check(PresentationTimeout > TimeSpan.Zero, $"{nameof(PresentationTimeout)} must be positive; got {PresentationTimeout}.");
        Check(OrchestratorTimeout > TimeSpan.Zero, $"{nameof(OrchestratorTimeout)} must be positive; got {OrchestratorTimeout}.");
        Check(WrapUpAt is > 0 and <= 1, $"{nameof(WrapUpAt)} must be in (0, 1]; got {WrapUpAt}.");
        Check(RetryBaseDelay >= TimeSpan.Zero, $"{nameof(RetryBaseDelay)} must not be negative; got {RetryBaseDelay}.");
        Check(RetryMaxDelay >= RetryBaseDelay, $"{nameof(RetryMaxDelay)} must be at least {nameof(RetryBaseDelay)}; got {RetryMaxDelay}.");
        Check(VotingDeferralLimit >= TimeSpan.Zero, $"{nameof(VotingDeferralLimit)} must not be negative; got {VotingDeferralLimit}.");
        Check(MaxToolIterationsPerTurn >= 1, $"{nameof(MaxToolIterationsPerTurn)} must be at least 1; got {MaxToolIterationsPerTurn}.");
        Check(MaxConsecutiveToolErrors >= 1, $"{nameof(MaxConsecutiveToolErrors)} must be at least 1; got {MaxConsecutiveToolErrors}.");
        Check(MaxOrchestrationRestarts >= 0, $"{nameof(MaxOrchestrationRestarts)} must be 0 or more; got {MaxOrchestrationRestarts}.");
        Check(MaxTotalTokens is null or > 0, $"{nameof(MaxTotalTokens)} must be positive or null; got {MaxTotalTokens}.");
        Check(MaxCostUsd is null or > 0, $"{nameof(MaxCostUsd)} must be positive or null; got {MaxCostUsd}.");
        Check(Enum.IsDefined(VotingSensitivity), $"{nameof(VotingSensitivity)} has unknown value {(int)VotingSensitivity}; use lenient, balanced or strict.");
        Check(Enum.IsDefined(AnswerNoveltyRequirement), $"{nameof(AnswerNoveltyRequirement)} has unknown value {(int)AnswerNoveltyRequirement}; use lenient, balanced or strict.");
        Check(Enum.IsDefined(OnNewAnswer), $"{nameof(OnNewAnswer)} has unknown value {(int)OnNewAnswer}; use inject or restart.");
        Check(Enum.IsDefined(TieBreak), $"{nameof(TieBreak)} has unknown value {(int)TieBreak}; use registration, random or latest.");
        Check(Enum.IsDefined(Topology), $"{nameof(Topology)} has unknown value {(int)Topology}; use all, islands or tournament.");
        Check(GroupSize >= 2, $"{nameof(GroupSize)} must be at least 2 (a group of one compares nothing); got {GroupSize}.");
        Check(Enum.IsDefined(FinalPresentation), $"{nameof(FinalPresentation)} has unknown value {(int)FinalPresentation}; use full or skip.");
        return problems;
    }
}
