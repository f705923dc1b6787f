using MassGen.Core.Coordination;

namespace MassGen.Configuration;

/// <summary>
/// A whole configuration file: the team and how it coordinates (CONFIG.md). Produced by <see cref="ConfigLoader"/>
/// after validation; every default is the documented one.
/// </summary>
public sealed record MassGenConfig
{
    /// <summary>The agents, in file order (the order is the registration order used for tie-breaks). Never empty once validated.</summary>
    public IReadOnlyList<AgentConfig> Agents { get; init; } = [];

    /// <summary>Coordination settings (<c>orchestrator</c>).</summary>
    public OrchestratorConfig Orchestrator { get; init; } = new();

    /// <summary>Wall-clock limits (<c>timeout_settings</c>).</summary>
    public TimeoutSettings TimeoutSettings { get; init; } = new();

    /// <summary>Display and logging (<c>ui</c>).</summary>
    public UiConfig Ui { get; init; } = new();

    /// <summary>Token and cost ceilings (<c>budget</c>, new).</summary>
    public BudgetConfig Budget { get; init; } = new();

    /// <summary>A stored session to continue (<c>session_id</c>); <c>null</c> starts a new one.</summary>
    public string? SessionId { get; init; }

    /// <summary><c>record</c>: record every model exchange of a run for <c>massgen replay</c>; default false.</summary>
    public bool Record { get; init; }

    /// <summary>
    /// The coordination options this configuration asks for: <c>orchestrator</c>, <c>timeout_settings</c>,
    /// <c>budget</c> and <c>ui.use_orchestrator_for_single_agent</c>. Options not in the file keep their defaults.
    /// </summary>
    public OrchestratorOptions ToOrchestratorOptions()
    {
        var orchestrator = Orchestrator;
        return new OrchestratorOptions
        {
            VotingSensitivity = orchestrator.VotingSensitivity,
            AnswerNoveltyRequirement = orchestrator.AnswerNoveltyRequirement,
            MaxNewAnswersPerAgent = orchestrator.MaxNewAnswersPerAgent,
            Seed = orchestrator.Seed,
            ShuffleAnswers = orchestrator.ShuffleAnswers,
            MarkOwnAnswer = orchestrator.MarkOwnAnswer,
            OnNewAnswer = orchestrator.OnNewAnswer,
            TieBreak = orchestrator.TieBreak,
            FinalPresentation = orchestrator.FinalPresentation,
            MaxDecisionRetries = orchestrator.MaxDecisionRetries,
            MaxConsecutiveFailures = orchestrator.MaxConsecutiveFailures,
            AgentTurnTimeout = TimeSpan.FromSeconds(orchestrator.AgentTurnTimeoutSeconds),
            PresentationTimeout = TimeSpan.FromSeconds(orchestrator.PresentationTimeoutSeconds),
            OrchestratorTimeout = TimeSpan.FromSeconds(TimeoutSettings.OrchestratorTimeoutSeconds),
            WrapUpAt = orchestrator.WrapUpAt,
            DeferVotingUntilAllAnswered = orchestrator.DeferVotingUntilAllAnswered,
            VotingDeferralLimit = TimeSpan.FromSeconds(orchestrator.VotingDeferralLimitSeconds),
            Topology = orchestrator.Topology,
            GroupSize = orchestrator.GroupSize,
            SkipCoordinationRounds = orchestrator.SkipCoordinationRounds,
            MaxOrchestrationRestarts = orchestrator.Coordination.MaxOrchestrationRestarts,
            UseOrchestratorForSingleAgent = Ui.UseOrchestratorForSingleAgent,
            MaxTotalTokens = Budget.MaxTotalTokens,
            MaxCostUsd = Budget.MaxCostUsd,
        };
    }
}
