using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Core.Teams;
using MassGen.Testing;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Core.Tests.Teams;

public sealed class TeamChatClientTests
{
    private const int Seed = 42;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A two-agent team that answers, votes for its first agent, and presents <paramref name="presentation"/>.</summary>
    private ScriptedTeam InnerTeam(string presentation, string prefix = "inner")
    {
        var team = new ScriptedTeam([$"{prefix}-a", $"{prefix}-b"], _time);
        var winner = LabelAssignment.Assign(2, Seed)[0];
        team.Script(team.Ids[0], Script.Answer("Four.").Usage(10, 5), Script.VoteFor(winner, "short").Usage(10, 5), Script.Say(presentation).Usage(10, 5));
        team.Script(team.Ids[1], Script.Answer("2 + 2 = 4.").Usage(10, 5), Script.VoteFor(winner, "clear").Usage(10, 5));
        return team;
    }

    private TeamChatClient ClientOver(Queue<ScriptedTeam> teams, string name = "inner-team") =>
        new(name, (request, cancellationToken) =>
            new TeamRun($"run-{teams.Count}", new Orchestrator(teams.Dequeue().Agents, new OrchestratorOptions { Seed = Seed }, _time).RunAsync(request, cancellationToken)));

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task TeamChatClient_NestedAsAgentOfAnotherTeam_AnswersVotesAndPresentsWithSummedUsage()
    {
        var outerLabels = LabelAssignment.Assign(2, Seed);
        var teamLabel = outerLabels[1];
        var runs = new Queue<ScriptedTeam>(
        [
            InnerTeam("""{"action": "new_answer", "content": "Four, said the team."}""", "first"),
            InnerTeam($$"""{"action": "vote", "agent_id": "{{teamLabel}}", "reason": "ours shows the work"}""", "second"),
            InnerTeam("The team's final answer: four.", "third"),
        ]);
        var inner = runs.ToList();
        var solo = new ScriptedChatClient("solo", _time, Script.Answer("4").Usage(1, 1), Script.VoteFor(teamLabel, "the team explains it").Usage(1, 1));
        var agents = new[]
        {
            new AgentDefinition("solo", solo),
            new AgentDefinition("team", ClientOver(runs)) { DecisionsAsJsonText = true },
        };

        var result = await new Orchestrator(agents, new OrchestratorOptions { Seed = Seed }, _time).RunToResultAsync(new("What is 2 + 2?"));

        Assert.Equal(TerminationReason.Consensus, result.TerminationReason);
        Assert.Equal("team", result.WinnerId);
        Assert.Equal("The team's final answer: four.", result.FinalAnswer);
        Assert.Contains(result.Answers, a => a.AgentId == "team" && a.Content == "Four, said the team.");
        Assert.Contains(result.Votes, v => v.VoterId == "team" && v.TargetId == "team" && v.Reason == "ours shows the work");
        Assert.Empty(runs);

        // Three inner runs of five scripted calls, 15 tokens each: the outer team sees them all as the team agent's usage.
        var teamUsage = result.Usage.Single(u => u.AgentId == "team").Usage;
        Assert.Equal(3 * 5 * 10, teamUsage.InputTokens);
        Assert.Equal(3 * 5 * 5, teamUsage.OutputTokens);

        // The inner agents got the outer question and the outer team's instructions (how to reply in JSON).
        var firstInnerTask = inner[0].Clients[0].Requests[0].AllVisibleText;
        Assert.Contains("What is 2 + 2?", firstInnerTask);
        Assert.Contains("\"action\"", firstInnerTask);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetStreamingResponseAsync_WithEvents_StreamsAnswerEventsAndTotalUsage()
    {
        var client = ClientOver(new Queue<ScriptedTeam>([InnerTeam("The answer is four.")]));
        var observed = new List<CoordinationEvent>();
        var options = new ChatOptions { AdditionalProperties = new() { [TeamChatOptions.IncludeEvents] = true, [TeamChatOptions.EventObserver] = new Collector(observed) } };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "What is 2 + 2?")], options))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("The answer is four.", response.Text);
        Assert.Equal(75, response.Usage!.TotalTokenCount);
        Assert.Equal("run-1", response.ResponseId);
        Assert.Equal("inner-team", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var events = updates.Select(u => u.RawRepresentation).OfType<CoordinationEvent>().ToList();
        Assert.IsType<RunStarted>(events[0]);
        Assert.Contains(events, e => e is VoteCounted);
        Assert.Equal(observed, events);
        Assert.IsType<RunFinished>(events[^1]);
        Assert.IsType<CoordinationResult>(updates[^1].AdditionalProperties![TeamChatOptions.Result]);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_History_BecomesTheRequestsHistoryAndSystemTravelsWithTheTask()
    {
        var team = InnerTeam("Six.");
        var client = ClientOver(new Queue<ScriptedTeam>([team]));

        var response = await client.GetResponseAsync(
        [
            new(ChatRole.System, "Answer in one word."),
            new(ChatRole.User, "What is 2 + 2?"),
            new(ChatRole.Assistant, "Four."),
            new(ChatRole.User, "And 3 + 3?"),
        ]);

        Assert.Equal("Six.", response.Text);
        Assert.Equal(75, response.Usage!.TotalTokenCount);
        var seen = team.Clients[0].Requests[0].AllVisibleText;
        Assert.Contains("Answer in one word.", seen);
        Assert.Contains("What is 2 + 2?", seen);
        Assert.Contains("And 3 + 3?", seen);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_EveryAgentFails_ThrowsWithTheResult()
    {
        var team = new ScriptedTeam(["a"], _time);
        team.Script("a", Script.Respond().Throw(new InvalidOperationException("bad key")), Script.Respond().Throw(new InvalidOperationException("bad key")), Script.Respond().Throw(new InvalidOperationException("bad key")));
        var client = new TeamChatClient("t", team.Agents, new OrchestratorOptions { MaxConsecutiveFailures = 1 }, _time);

        var error = await Assert.ThrowsAsync<TeamRunFailedException>(() => client.GetResponseAsync([new(ChatRole.User, "Q?")]));

        Assert.Null(error.Result.FinalAnswer);
    }

    [Fact(Timeout = TestTimeouts.Default)]
    public async Task GetResponseAsync_LastMessageNotFromUser_ThrowsSayingWhy()
    {
        var client = ClientOver(new Queue<ScriptedTeam>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new(ChatRole.User, "Q?"), new(ChatRole.Assistant, "A.")]));

        Assert.Contains("must end with a user message", error.Message);
    }

    private sealed class Collector(List<CoordinationEvent> events) : IProgress<CoordinationEvent>
    {
        public void Report(CoordinationEvent value) => events.Add(value);
    }
}
