using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Cli.Tests.Support;

/// <summary>Builds a coordination event stream by hand, numbering events and stamping them at given offsets.</summary>
internal sealed class EventScript
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly List<CoordinationEvent> _events = [];

    public IReadOnlyList<CoordinationEvent> Events => _events;

    public EventScript Add(double atSeconds, CoordinationEvent coordinationEvent)
    {
        _events.Add(coordinationEvent with { Sequence = _events.Count + 1, Timestamp = Start.AddSeconds(atSeconds) });
        return this;
    }

    public static TokenUsage Usage(long input, long output, decimal? cost) =>
        new() { InputTokens = input, OutputTokens = output, CostUsd = cost };

    /// <summary>Three agents; two answer, all vote for the critic's answer; the critic presents.</summary>
    public static EventScript Consensus()
    {
        AgentLabel[] agents = [new("researcher", "agent2", "openai/gpt-5-mini"), new("critic", "agent1", "claude/claude-sonnet-4-5"), new("fast", "agent3", "gemini/gemini-2.5-flash")];
        var researcherAnswer = new AnswerRecord("researcher", "agent2", 1, 1, "Paris is the capital of France.", Start.AddSeconds(3));
        var criticAnswer = new AnswerRecord("critic", "agent1", 2, 1, "The capital of France is **Paris**.", Start.AddSeconds(4));
        VoteRecord[] votes =
        [
            new("researcher", "agent2", "critic", "agent1", "Clearer and complete.", 2, Start.AddSeconds(6)),
            new("critic", "agent1", "critic", "agent1", "Mine is complete.", 2, Start.AddSeconds(6)),
            new("fast", "agent3", "critic", "agent1", "Best formatted.", 2, Start.AddSeconds(7)),
        ];
        TallyEntry[] tally = [new("critic", "agent1", 3)];
        var result = new CoordinationResult
        {
            FinalAnswer = "# Answer\n\nThe capital of France is **Paris**.\n\n- population: about 2 million\n- river: `Seine`",
            WinnerId = "critic",
            WinnerLabel = "agent1",
            TerminationReason = TerminationReason.Consensus,
            Presentation = PresentationOutcome.Presented,
            Votes = votes,
            Tally = tally,
            Answers = [researcherAnswer, criticAnswer],
            Usage =
            [
                new AgentUsage("researcher", "agent2", Usage(1200, 300, 0.0012m), 2),
                new AgentUsage("critic", "agent1", Usage(1500, 500, 0.0090m), 3),
                new AgentUsage("fast", "agent3", Usage(900, 100, 0.0003m), 2),
            ],
            TotalUsage = Usage(3600, 900, 0.0105m),
            Agents = agents,
            Seed = 42,
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(9),
        };
        return new EventScript()
            .Add(0, new RunStarted("What is the capital of France?", 42, agents))
            .Add(0.1, new TurnStarted("researcher", "agent2", 1, 0, TurnKind.Coordination, true))
            .Add(0.1, new TurnStarted("critic", "agent1", 1, 0, TurnKind.Coordination, true))
            .Add(0.1, new TurnStarted("fast", "agent3", 1, 0, TurnKind.Coordination, true))
            .Add(1, new TextDelta("researcher", 1, "Let me think about France."))
            .Add(2, new ToolCallStarted("critic", 1, "c1", "mcp__files__read", "{\"path\":\"notes.md\"}"))
            .Add(2.5, new ToolCallFinished("critic", 1, "c1", "mcp__files__read", TimeSpan.FromMilliseconds(420), ToolCallOutcome.Succeeded, "Paris notes", false))
            .Add(3, new AnswerAccepted("researcher", "agent2", 1, 1, researcherAnswer.Content))
            .Add(3, new UsageReported("researcher", 1, Usage(600, 150, 0.0006m), Usage(600, 150, 0.0006m)))
            .Add(4, new AnswerAccepted("critic", "agent1", 2, 1, criticAnswer.Content))
            .Add(4, new VotesCleared(2, []))
            .Add(5, new VoteDiscarded("fast", "agent3", "agent2", "Good enough.", 1, 2))
            .Add(5.5, new TurnStarted("fast", "agent3", 2, 2, TurnKind.Coordination, true))
            .Add(6, new VoteCounted("researcher", "agent2", "critic", "agent1", votes[0].Reason, 2))
            .Add(6, new VoteCounted("critic", "agent1", "critic", "agent1", votes[1].Reason, 2))
            .Add(7, new VoteCounted("fast", "agent3", "critic", "agent1", votes[2].Reason, 2))
            .Add(7, new ConsensusReached("critic", "agent1", tally, TerminationReason.Consensus, false))
            .Add(7.1, new PresentationStarted("critic", "agent1"))
            .Add(7.2, new TurnStarted("critic", "agent1", 3, 2, TurnKind.Presentation, false))
            .Add(8, new FinalAnswerDelta("# Answer\n\nThe capital of France is **Paris**."))
            .Add(8.5, new PresentationFinished(PresentationOutcome.Presented, null))
            .Add(9, new RunFinished(result));
    }

    /// <summary>Three agents; one fails for good; the other two answer and vote for each other: a tie broken by registration.</summary>
    public static EventScript TieWithFailedAgent()
    {
        AgentLabel[] agents = [new("alpha", "agent1", "openai/gpt-5-mini"), new("beta", "agent2", "claude/claude-sonnet-4-5"), new("gamma", "agent3", "grok/grok-4-fast")];
        var alphaAnswer = new AnswerRecord("alpha", "agent1", 1, 1, "Use a B-tree.", Start.AddSeconds(2));
        var betaAnswer = new AnswerRecord("beta", "agent2", 2, 1, "Use an LSM tree.", Start.AddSeconds(3));
        VoteRecord[] votes =
        [
            new("alpha", "agent1", "beta", "agent2", "Write-heavy workload.", 2, Start.AddSeconds(5)),
            new("beta", "agent2", "alpha", "agent1", "Reads dominate.", 2, Start.AddSeconds(5)),
        ];
        TallyEntry[] tally = [new("alpha", "agent1", 1), new("beta", "agent2", 1)];
        var result = new CoordinationResult
        {
            FinalAnswer = "Use a B-tree.",
            WinnerId = "alpha",
            WinnerLabel = "agent1",
            TerminationReason = TerminationReason.Consensus,
            Presentation = PresentationOutcome.Skipped,
            Votes = votes,
            Tally = tally,
            Answers = [alphaAnswer, betaAnswer],
            Usage =
            [
                new AgentUsage("alpha", "agent1", Usage(100, 20, null), 2),
                new AgentUsage("beta", "agent2", Usage(100, 20, 0.001m), 2),
                new AgentUsage("gamma", "agent3", TokenUsage.Zero, 3),
            ],
            TotalUsage = Usage(200, 40, null),
            Agents = agents,
            Seed = 7,
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(6),
        };
        return new EventScript()
            .Add(0, new RunStarted("Which index structure?", 7, agents))
            .Add(0.1, new TurnStarted("alpha", "agent1", 1, 0, TurnKind.Coordination, true))
            .Add(0.1, new TurnStarted("beta", "agent2", 1, 0, TurnKind.Coordination, true))
            .Add(0.1, new TurnStarted("gamma", "agent3", 1, 0, TurnKind.Coordination, true))
            .Add(1, new TurnFailed("gamma", 1, "HTTP 401 from grok: invalid API key", 1))
            .Add(1, new AgentRetrying("gamma", 2, TimeSpan.FromSeconds(1), "HTTP 401 from grok: invalid API key"))
            .Add(2, new AnswerAccepted("alpha", "agent1", 1, 1, alphaAnswer.Content))
            .Add(3, new AnswerAccepted("beta", "agent2", 2, 1, betaAnswer.Content))
            .Add(4, new AgentFailed("gamma", "agent3", "HTTP 401 from grok: invalid API key"))
            .Add(5, new VoteCounted("alpha", "agent1", "beta", "agent2", votes[0].Reason, 2))
            .Add(5, new VoteCounted("beta", "agent2", "alpha", "agent1", votes[1].Reason, 2))
            .Add(5, new ConsensusReached("alpha", "agent1", tally, TerminationReason.Consensus, true))
            .Add(5.5, new PresentationFinished(PresentationOutcome.Skipped, null))
            .Add(6, new RunFinished(result));
    }

    /// <summary>Every agent fails before answering: no answer.</summary>
    public static EventScript AllFailed()
    {
        AgentLabel[] agents = [new("solo", "agent1", "openai/gpt-5-mini")];
        var result = new CoordinationResult
        {
            TerminationReason = TerminationReason.AllFailed,
            TerminationDetail = "Every agent failed before any answer was accepted.",
            Agents = agents,
            Usage = [new AgentUsage("solo", "agent1", TokenUsage.Zero, 3)],
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(4),
        };
        return new EventScript()
            .Add(0, new RunStarted("Anything?", 1, agents))
            .Add(0.1, new TurnStarted("solo", "agent1", 1, 0, TurnKind.Coordination, true))
            .Add(1, new TurnFailed("solo", 1, "HTTP 500", 3))
            .Add(2, new AgentFailed("solo", "agent1", "HTTP 500"))
            .Add(4, new RunFinished(result));
    }
}
