using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal.Topology;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Core.Tests.Coordination;

/// <summary>
/// A team of policy agents (<see cref="PolicyAgent"/>) on a fake clock: the agents at <c>rightAgents</c> answer right,
/// the others wrong, and everyone votes for a right answer it can see. Back-offs of failing agents are advanced at once.
/// </summary>
internal sealed class TopologyHarness
{
    /// <param name="agents">Team size; agents are <c>a0</c>, <c>a1</c>….</param>
    /// <param name="rightAgents">Indexes of the agents that answer right.</param>
    /// <param name="failingAgents">Indexes of agents whose every call fails.</param>
    /// <param name="hangingAgents">Indexes of agents whose calls never return until cancelled.</param>
    public TopologyHarness(int agents, IEnumerable<int> rightAgents, IEnumerable<int>? failingAgents = null, IEnumerable<int>? hangingAgents = null)
    {
        var right = rightAgents.ToHashSet();
        var failing = (failingAgents ?? []).ToHashSet();
        var hanging = (hangingAgents ?? []).ToHashSet();
        Policies = [.. Enumerable.Range(0, agents).Select(i => new PolicyAgent(right.Contains(i) ? $"RIGHT: 4 (from a{i})" : $"wrong: {5 + i} (from a{i})", seed: 100 + i) { Fails = failing.Contains(i), KeepsRequests = true })];
        Agents = [.. Policies.Select((p, i) => new AgentDefinition($"a{i}", hanging.Contains(i) ? Hanging(i) : p))];
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<PolicyAgent> Policies { get; }

    public IReadOnlyList<AgentDefinition> Agents { get; }

    public List<CoordinationEvent> Events { get; } = [];

    public IEnumerable<T> Of<T>()
        where T : CoordinationEvent => Events.OfType<T>();

    /// <summary>The groups of round 1 the planner makes for this team, as agent ids.</summary>
    public List<List<string>> FirstRoundGroups(int groupSize, int seed) =>
        [.. GroupPlanner.Split([.. Agents.Select((a, i) => new Contender(a, i, null))], groupSize, seed, 1).Select(g => g.Select(c => c.Agent.Id).ToList())];

    /// <param name="options">The run's options.</param>
    /// <param name="onEvent">Called on each event as it is read (to interrupt, or ask for the answer now).</param>
    /// <param name="control">The run's control, if the test steers it.</param>
    /// <param name="cancellationToken">Stops the run gracefully.</param>
    public async Task<CoordinationResult> RunAsync(OrchestratorOptions options, Action<CoordinationEvent>? onEvent = null, CoordinationControl? control = null, CancellationToken cancellationToken = default)
    {
        var orchestrator = new Orchestrator(Agents, options with { RetryBaseDelay = TimeSpan.FromSeconds(1) }, Time);
        await foreach (var coordinationEvent in orchestrator.RunAsync(new CoordinationRequest("What is 2 + 2?") { Control = control }, cancellationToken))
        {
            Events.Add(coordinationEvent);
            onEvent?.Invoke(coordinationEvent);
            if (coordinationEvent is AgentRetrying retrying)
            {
                Time.Advance(retrying.Delay);
            }
        }

        return Assert.IsType<RunFinished>(Events[^1]).Result;
    }

    private ScriptedChatClient Hanging(int index) =>
        new($"a{index}", Time, [.. Enumerable.Range(0, 8).Select(_ => Script.Respond().HangUntilCancelled())]);

    /// <summary>Sequence 1..n without gaps, one RunStarted first, one RunFinished last, timestamps never going back.</summary>
    public void AssertWellFormed()
    {
        Assert.Equal(Enumerable.Range(1, Events.Count).Select(i => (long)i), Events.Select(e => e.Sequence));
        Assert.IsType<RunStarted>(Events[0]);
        Assert.IsType<RunFinished>(Events[^1]);
        Assert.Single(Events.OfType<RunStarted>());
        Assert.Single(Events.OfType<RunFinished>());
        for (var i = 1; i < Events.Count; i++)
        {
            Assert.True(Events[i].Timestamp >= Events[i - 1].Timestamp, $"event {i + 1} is earlier than event {i}");
        }
    }
}
