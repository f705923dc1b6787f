using MassGen.Core.Coordination;

namespace MassGen.Configuration.Internal;

/// <summary>The top-level sections besides the agents: orchestrator, timeout_settings, ui and budget.</summary>
internal sealed partial class ConfigBinder
{
    private const string Lenient = "lenient";
    private const string Balanced = "balanced";
    private const string Strict = "strict";

    private OrchestratorConfig BindOrchestrator(SectionReader top)
    {
        var defaults = new OrchestratorConfig();
        if (top.Take("orchestrator") is not { } entry || SectionReader.Open(entry.Value, "orchestrator", entry.Line, problems) is not { } reader)
        {
            return defaults;
        }

        var voting = reader.Choice("voting_sensitivity",
            (Lenient, VotingSensitivity.Lenient), (Balanced, VotingSensitivity.Balanced), (Strict, VotingSensitivity.Strict));
        var novelty = reader.Choice("answer_novelty_requirement",
            (Lenient, AnswerNoveltyRequirement.Lenient), (Balanced, AnswerNoveltyRequirement.Balanced), (Strict, AnswerNoveltyRequirement.Strict));

        // null is meaningful here (unlimited), unlike elsewhere where it means "not set".
        var maxAnswers = defaults.MaxNewAnswersPerAgent;
        if (reader.TakeIncludingNull("max_new_answers_per_agent") is { } maxEntry)
        {
            maxAnswers = maxEntry.Value is ConfigScalar { Kind: ScalarKind.Null }
                ? null
                : (int?)SectionReader.Integer(maxEntry, reader.PathOf("max_new_answers_per_agent"), 1, int.MaxValue, problems) ?? defaults.MaxNewAnswersPerAgent;
        }

        var contextPaths = BindContextPaths(reader);
        reader.Unsupported("snapshot_storage", "ignored: every run keeps its agents' snapshots in its own folder, .massgen/logs/<run-id>/snapshots/");
        reader.Unsupported("agent_temporary_workspace", "ignored: every run keeps what each agent sees of its peers in its own folder, .massgen/logs/<run-id>/shared/");
        var skip = reader.Bool("skip_coordination_rounds");
        var coordination = BindCoordination(reader);
        var seed = reader.Integer("seed", int.MinValue, int.MaxValue);
        var shuffle = reader.Bool("shuffle_answers");
        var markOwn = reader.Bool("mark_own_answer");
        var onNewAnswer = reader.Choice("on_new_answer", ("inject", NewAnswerPolicy.Inject), ("restart", NewAnswerPolicy.Restart));
        var tieBreak = reader.Choice("tie_break", ("registration", TieBreak.Registration), ("random", TieBreak.Random), ("latest", TieBreak.Latest));
        var presentation = reader.Choice("final_presentation", ("full", FinalPresentationMode.Full), ("skip", FinalPresentationMode.Skip));
        var retries = reader.Integer("max_decision_retries", 0, 100);
        var failures = reader.Integer("max_consecutive_failures", 1, 1000);
        var turnTimeout = reader.Seconds("agent_turn_timeout_seconds");
        var presentationTimeout = reader.Seconds("presentation_timeout_seconds");
        var wrapUp = reader.Number("wrap_up_at", 0, 1, minExclusive: true);
        var deferVoting = reader.Bool("defer_voting_until_all_answered");
        var deferralLimit = reader.Number("voting_deferral_limit_seconds", 0);
        var topology = reader.Choice("topology", ("all", TeamTopology.All), ("islands", TeamTopology.Islands), ("tournament", TeamTopology.Tournament));
        var groupSize = reader.Integer("group_size", 2, 1000);
        if (groupSize is not null && topology is null or TeamTopology.All)
        {
            problems.Warning(reader.PathOf("group_size"), reader.LineOf("group_size"), "is ignored: it only shapes the islands and tournament topologies; set topology: islands or tournament to use it");
        }

        reader.Unsupported("dspy", "DSPy question paraphrasing is not supported; every agent gets the question as written");
        reader.Unsupported("debug_final_answer", "ignored: debug_final_answer is not supported");
        reader.Unsupported("session_storage", "ignored: sessions are always stored under .massgen/sessions");
        reader.Unsupported("timeout", "ignored (as in the original); set timeout_settings.orchestrator_timeout_seconds instead");
        reader.ReportUnknownKeys();

        return new OrchestratorConfig
        {
            VotingSensitivity = voting ?? defaults.VotingSensitivity,
            AnswerNoveltyRequirement = novelty ?? defaults.AnswerNoveltyRequirement,
            MaxNewAnswersPerAgent = maxAnswers,
            ContextPaths = contextPaths,
            SkipCoordinationRounds = skip ?? defaults.SkipCoordinationRounds,
            Coordination = coordination,
            Seed = (int?)seed,
            ShuffleAnswers = shuffle ?? defaults.ShuffleAnswers,
            MarkOwnAnswer = markOwn ?? defaults.MarkOwnAnswer,
            OnNewAnswer = onNewAnswer ?? defaults.OnNewAnswer,
            TieBreak = tieBreak ?? defaults.TieBreak,
            FinalPresentation = presentation ?? defaults.FinalPresentation,
            MaxDecisionRetries = (int?)retries ?? defaults.MaxDecisionRetries,
            MaxConsecutiveFailures = (int?)failures ?? defaults.MaxConsecutiveFailures,
            AgentTurnTimeoutSeconds = turnTimeout ?? defaults.AgentTurnTimeoutSeconds,
            PresentationTimeoutSeconds = presentationTimeout ?? defaults.PresentationTimeoutSeconds,
            WrapUpAt = wrapUp ?? defaults.WrapUpAt,
            DeferVotingUntilAllAnswered = deferVoting ?? defaults.DeferVotingUntilAllAnswered,
            VotingDeferralLimitSeconds = deferralLimit ?? defaults.VotingDeferralLimitSeconds,
            Topology = topology ?? defaults.Topology,
            GroupSize = (int?)groupSize ?? defaults.GroupSize,
        };
    }

    private CoordinationConfig BindCoordination(SectionReader orchestrator)
    {
        if (orchestrator.Take("coordination") is not { } entry
            || SectionReader.Open(entry.Value, orchestrator.PathOf("coordination"), entry.Line, problems) is not { } reader)
        {
            return new CoordinationConfig();
        }

        var restarts = reader.Integer("max_orchestration_restarts", 0, 100);
        reader.Unsupported("enable_planning_mode", "planning mode is not supported; agents may call their tools during coordination");
        reader.Unsupported("planning_mode_instruction", "ignored: planning mode is not supported");
        reader.Unsupported("enable_agent_task_planning", "agent task planning is not supported; ignored");
        reader.Unsupported("max_tasks_per_plan", "ignored: agent task planning is not supported");
        reader.Unsupported("task_planning_filesystem_mode", "ignored: agent task planning is not supported");
        reader.Unsupported("enable_memory_filesystem_mode", "memory is not supported; ignored");
        reader.Unsupported("use_skills", "skills are not supported; ignored");
        reader.Unsupported("skills_directory", "ignored: skills are not supported");
        reader.Unsupported("massgen_skills", "ignored: skills are not supported");
        reader.ReportUnknownKeys();
        return new CoordinationConfig { MaxOrchestrationRestarts = (int?)restarts ?? 0 };
    }

    private TimeoutSettings BindTimeouts(SectionReader top)
    {
        if (top.Take("timeout_settings") is not { } entry || SectionReader.Open(entry.Value, "timeout_settings", entry.Line, problems) is not { } reader)
        {
            return new TimeoutSettings();
        }

        var seconds = reader.Seconds("orchestrator_timeout_seconds");
        reader.ReportUnknownKeys();
        return seconds is { } value ? new TimeoutSettings { OrchestratorTimeoutSeconds = value } : new TimeoutSettings();
    }

    private UiConfig BindUi(SectionReader top)
    {
        var defaults = new UiConfig();
        if (top.Take("ui") is not { } entry || SectionReader.Open(entry.Value, "ui", entry.Line, problems) is not { } reader)
        {
            return defaults;
        }

        var display = reader.Choice("display_type",
            ("rich_terminal", DisplayType.RichTerminal), ("simple", DisplayType.Simple), ("silent", DisplayType.Silent), ("terminal", DisplayType.RichTerminal));
        var logging = reader.Bool("logging_enabled");
        reader.Unsupported("type", "ignored: the display is chosen by display_type (rich_terminal, simple or silent) or --display");
        var orchestrateSingle = reader.Bool("use_orchestrator_for_single_agent");
        reader.ReportUnknownKeys();
        return new UiConfig
        {
            DisplayType = display,
            LoggingEnabled = logging ?? defaults.LoggingEnabled,
            UseOrchestratorForSingleAgent = orchestrateSingle ?? defaults.UseOrchestratorForSingleAgent,
        };
    }

    private BudgetConfig BindBudget(SectionReader top)
    {
        if (top.Take("budget") is not { } entry || SectionReader.Open(entry.Value, "budget", entry.Line, problems) is not { } reader)
        {
            return new BudgetConfig();
        }

        var tokens = reader.Integer("max_total_tokens", 1);
        var cost = reader.Number("max_cost_usd", 0, MaxUsd, minExclusive: true);
        reader.ReportUnknownKeys();
        return new BudgetConfig { MaxTotalTokens = tokens, MaxCostUsd = (decimal?)cost };
    }
}
