using System.Diagnostics;

namespace MassGen.Core.Diagnostics;

/// <summary>
/// The coordination's own trace spans, from one <see cref="ActivitySource"/>: <c>massgen.run</c>, then per agent turn
/// <c>massgen.turn</c> with its model calls (the chat spans of Microsoft.Extensions.AI's OpenTelemetry middleware),
/// <c>massgen.decision</c> and <c>execute_tool</c> spans inside. Spans carry agent ids, labels, numbers and outcomes;
/// prompts, answers and vote reasons only when <see cref="Coordination.OrchestratorOptions.CaptureTelemetryContent"/>
/// is set. Without a listener (an OpenTelemetry tracer subscribed to <see cref="SourceName"/>) nothing is recorded.
/// </summary>
public static class MassGenTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> to subscribe to (<c>AddSource("MassGen")</c>).</summary>
    public const string SourceName = "MassGen";

    internal static ActivitySource Source { get; } = new(SourceName, typeof(MassGenTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Attribute names on the spans.</summary>
    public static class Attributes
    {
        /// <summary>The agent's id from the configuration.</summary>
        public const string AgentId = "massgen.agent.id";

        /// <summary>The agent's anonymous label (<c>agent1</c> …).</summary>
        public const string AgentLabel = "massgen.agent.label";

        /// <summary>The agent's model description.</summary>
        public const string AgentModel = "massgen.agent.model";

        /// <summary>The agent's turn number.</summary>
        public const string TurnNumber = "massgen.turn.number";

        /// <summary>coordination, presentation or post_evaluation.</summary>
        public const string TurnKind = "massgen.turn.kind";

        /// <summary>The revision of the answers a turn started on.</summary>
        public const string Revision = "massgen.revision";

        /// <summary>How a turn ended (decided, completed, failed, timed_out, cancelled, over_budget).</summary>
        public const string TurnOutcome = "massgen.turn.outcome";

        /// <summary>The decision tools called (new_answer, vote, ...).</summary>
        public const string DecisionKind = "massgen.decision.kind";

        /// <summary>accepted, rejected or over.</summary>
        public const string DecisionOutcome = "massgen.decision.outcome";

        /// <summary>The label a vote was cast for.</summary>
        public const string VoteTarget = "massgen.vote.target_label";

        /// <summary>The answer's or vote's text (content capture only).</summary>
        public const string DecisionContent = "massgen.decision.content";

        /// <summary>Number of agents in the run.</summary>
        public const string RunAgents = "massgen.run.agents";

        /// <summary>The run's seed.</summary>
        public const string RunSeed = "massgen.run.seed";

        /// <summary>Why the run ended.</summary>
        public const string TerminationReason = "massgen.run.termination_reason";

        /// <summary>The winner's label.</summary>
        public const string WinnerLabel = "massgen.run.winner_label";

        /// <summary>The run's cost in US dollars, when known.</summary>
        public const string CostUsd = "massgen.run.cost_usd";

        /// <summary>The task (content capture only).</summary>
        public const string Task = "massgen.run.task";

        /// <summary>The final answer (content capture only).</summary>
        public const string FinalAnswer = "massgen.run.final_answer";

        /// <summary>GenAI semantic conventions: input tokens.</summary>
        public const string InputTokens = "gen_ai.usage.input_tokens";

        /// <summary>GenAI semantic conventions: output tokens.</summary>
        public const string OutputTokens = "gen_ai.usage.output_tokens";

        /// <summary>GenAI semantic conventions: the operation (<c>execute_tool</c>).</summary>
        public const string Operation = "gen_ai.operation.name";

        /// <summary>GenAI semantic conventions: the tool's name.</summary>
        public const string ToolName = "gen_ai.tool.name";

        /// <summary>GenAI semantic conventions: the tool call's id.</summary>
        public const string ToolCallId = "gen_ai.tool.call.id";

        /// <summary>How a tool call ended (succeeded, failed, refused).</summary>
        public const string ToolOutcome = "massgen.tool.outcome";
    }
}
