using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Events;
using MassGen.Core.Results;
using MassGen.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace MassGen.Core.Tests.Coordination;

/// <summary>
/// A scripted team, a fake clock and an orchestrator, with hooks to react to events while the run goes on (release a
/// barrier when an answer is accepted, advance the clock when an agent backs off).
/// </summary>
internal sealed class CoordinationHarness
{
    public const int DefaultSeed = 42;

    private readonly List<(Func<CoordinationEvent, bool> Match, Action<CoordinationEvent> Action)> _reactions = [];

    public CoordinationHarness(int agents, int seed = DefaultSeed)
    {
        Seed = seed;
        Team = ScriptedTeam.Create(agents, Time);
        Labels = LabelAssignment.Assign(agents, seed);
    }

    public int Seed { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ScriptedTeam Team { get; }

    /// <summary>Labels by registration index for the seed.</summary>
    public IReadOnlyList<string> Labels { get; }

    public List<CoordinationEvent> Events { get; } = [];

    public ScriptedChatClient this[int index] => Team[index];

    public string Id(int index) => Team.Ids[index];

    /// <summary>A task completed when an event of type <typeparamref name="T"/> matching <paramref name="predicate"/> is published.</summary>
    public Task When<T>(Func<T, bool>? predicate = null)
        where T : CoordinationEvent
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        On<T>(e => predicate is null || predicate(e), _ => reached.TrySetResult());
        return reached.Task;
    }

    /// <summary>Completed when the agent at <paramref name="index"/> has had <paramref name="count"/> answers accepted.</summary>
    public Task AnswerAccepted(int index, int count = 1) => When<AnswerAccepted>(e => e.AgentId == Id(index) && e.AnswerNumber == count);

    /// <summary>Completed once the total number of accepted answers reaches <paramref name="count"/>.</summary>
    public Task AnswersAccepted(int count) => When<AnswerAccepted>(e => e.Revision == count);

    /// <summary>Runs <paramref name="action"/> on each matching event (on the consumer side, in stream order).</summary>
    public void On<T>(Func<T, bool> predicate, Action<T> action)
        where T : CoordinationEvent =>
        _reactions.Add((e => e is T typed && predicate(typed), e => action((T)e)));

    /// <summary>Advances the fake clock by each back-off delay as soon as it is announced.</summary>
    public void AdvanceThroughBackoffs() => On<AgentRetrying>(_ => true, e => Time.Advance(e.Delay));

    public Orchestrator Create(OrchestratorOptions? options = null, Func<AgentDefinition, AgentDefinition>? configure = null)
    {
        var agents = Team.Agents.Select(configure ?? (a => a));
        return new Orchestrator(agents, (options ?? new OrchestratorOptions()) with { Seed = Seed }, Time);
    }

    public async Task<CoordinationResult> RunAsync(OrchestratorOptions? options = null, CoordinationRequest? request = null, Func<AgentDefinition, AgentDefinition>? configure = null, CancellationToken cancellationToken = default)
    {
        var orchestrator = Create(options, configure);
        await foreach (var coordinationEvent in orchestrator.RunAsync(request ?? new CoordinationRequest("What is 2 + 2?"), cancellationToken))
        {
            Events.Add(coordinationEvent);
            if (Environment.GetEnvironmentVariable("MASSGEN_TEST_TRACE") is not null)
            {
                Console.Error.WriteLine(coordinationEvent);
            }

            foreach (var (match, action) in _reactions.ToList())
            {
                if (match(coordinationEvent))
                {
                    action(coordinationEvent);
                }
            }
        }

        return Assert.IsType<RunFinished>(Events[^1]).Result;
    }

    public IEnumerable<T> Of<T>()
        where T : CoordinationEvent => Events.OfType<T>();

    /// <summary>Asserts the invariants every run must keep: sequence 1..n, RunStarted first, RunFinished last, no leaked ids.</summary>
    public void AssertWellFormed()
    {
        Assert.Equal(Enumerable.Range(1, Events.Count).Select(i => (long)i), Events.Select(e => e.Sequence));
        Assert.IsType<RunStarted>(Events[0]);
        Assert.IsType<RunFinished>(Events[^1]);
        Assert.Single(Events.OfType<RunFinished>());
        Assert.Empty(Team.FindLeakedIds());
        for (var i = 1; i < Events.Count; i++)
        {
            Assert.True(Events[i].Timestamp >= Events[i - 1].Timestamp, $"event {i + 1} is earlier than event {i}");
        }
    }
}
