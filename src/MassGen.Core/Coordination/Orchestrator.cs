using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MassGen.Core.Agents;
using MassGen.Core.Coordination.Internal;
using MassGen.Core.Coordination.Internal.Topology;
using MassGen.Core.Events;
using MassGen.Core.Results;

namespace MassGen.Core.Coordination;

/// <summary>
/// Runs a study group of agents as COORDINATION.md says: they answer, read each other's answers, vote, converge, and
/// the winner presents the final answer.
/// </summary>
public sealed class Orchestrator
{
    private readonly IReadOnlyList<AgentDefinition> _agents;
    private readonly OrchestratorOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an orchestrator for a team.</summary>
    /// <param name="agents">The team, in configuration (registration) order.</param>
    /// <param name="options">Coordination settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for timeouts and back-off; the system clock when null.</param>
    /// <exception cref="OrchestratorConfigurationException">The team or options are invalid; every problem is listed.</exception>
    public Orchestrator(IEnumerable<AgentDefinition> agents, OrchestratorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        _agents = [.. agents];
        _options = options ?? new OrchestratorOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        var problems = new List<string>(_options.Validate());
        if (_agents.Count == 0)
        {
            problems.Add("The team has no agents; configure at least one.");
        }

        foreach (var duplicate in _agents.GroupBy(a => a.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Agent id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique.");
        }

        if (problems.Count > 0)
        {
            throw new OrchestratorConfigurationException(problems);
        }
    }

    /// <summary>
    /// Runs one coordination and streams its events in order; the last event is always <see cref="RunFinished"/>.
    /// Cancelling <paramref name="cancellationToken"/> is a graceful stop (termination reason <c>Interrupted</c>, best
    /// available answer, still ending with <see cref="RunFinished"/>). To abort without a result, stop enumerating.
    /// </summary>
    public async IAsyncEnumerable<CoordinationEvent> RunAsync(CoordinationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Task))
        {
            throw new ArgumentException("The task is empty; give the agents a question or task to work on.", nameof(request));
        }

        var seed = _options.Seed ?? Random.Shared.Next();
        if (_options.Topology == TeamTopology.All)
        {
            var run = new CoordinationRun(_agents, _options, _timeProvider, request, seed);
            await foreach (var coordinationEvent in DrainAsync(run, run.Start, run.Events, cancellationToken).ConfigureAwait(false))
            {
                yield return coordinationEvent;
            }
        }
        else
        {
            var run = new TopologyRun(_agents, _options, _timeProvider, request, seed);
            await foreach (var coordinationEvent in DrainAsync(run, run.Start, run.Events, cancellationToken).ConfigureAwait(false))
            {
                yield return coordinationEvent;
            }
        }
    }

    /// <summary>
    /// Continues a run that stopped before it finished (its process was killed) from the state rebuilt from its events
    /// (<see cref="CoordinationCheckpoint.FromEvents"/>): the answers, votes, failed agents and spend are restored, the
    /// turns that were in flight start again, and the stream begins with <see cref="RunResumed"/> instead of
    /// <see cref="RunStarted"/>; sequence numbers go on from the checkpoint's. Labels and answer orders come from the
    /// checkpoint's seed, as in the original run. The result lists the resumption in
    /// <see cref="CoordinationResult.Resumptions"/>.
    /// </summary>
    /// <param name="request">The run's request: the checkpoint's task, and the session history it ran with.</param>
    /// <param name="checkpoint">The rebuilt state.</param>
    /// <param name="cancellationToken">A graceful stop, as for <see cref="RunAsync"/>.</param>
    /// <exception cref="InvalidOperationException">The run had finished already.</exception>
    /// <exception cref="OrchestratorConfigurationException">The checkpoint belongs to another team (ids, order or labels differ), or the team is split into groups (islands, tournament), whose runs cannot be resumed yet.</exception>
    public async IAsyncEnumerable<CoordinationEvent> ResumeAsync(CoordinationRequest request, CoordinationCheckpoint checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.IsFinished)
        {
            throw new InvalidOperationException($"The run finished already ({checkpoint.Result!.TerminationReason}); there is nothing to resume.");
        }

        if (_options.Topology != TeamTopology.All)
        {
            throw new OrchestratorConfigurationException(
                [$"A run with topology {_options.Topology.ToString().ToLowerInvariant()} cannot be resumed: only runs in which the whole team coordinates as one group (topology all) can. Start the question again."]);
        }

        var problems = CoordinationRun.Mismatches([.. _agents.Select(a => a.Id)], checkpoint).ToList();
        if (problems.Count > 0)
        {
            throw new OrchestratorConfigurationException(problems);
        }

        var run = new CoordinationRun(_agents, _options, _timeProvider, request with { Task = checkpoint.Task }, checkpoint.Seed, resumeFrom: checkpoint);
        await foreach (var coordinationEvent in DrainAsync(run, run.Start, run.Events, cancellationToken).ConfigureAwait(false))
        {
            yield return coordinationEvent;
        }
    }

    private static async IAsyncEnumerable<CoordinationEvent> DrainAsync(IAsyncDisposable owner, Action<CancellationToken> start, ChannelReader<CoordinationEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (owner.ConfigureAwait(false))
        {
            start(cancellationToken);

            // The caller's token means "stop gracefully", so reading goes on until RunFinished; disposing the
            // enumerator early aborts the run without a result.
            await foreach (var coordinationEvent in events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return coordinationEvent;
            }
        }
    }

    /// <summary>Runs one coordination and returns its result, ignoring the intermediate events.</summary>
    public async Task<CoordinationResult> RunToResultAsync(CoordinationRequest request, CancellationToken cancellationToken = default)
    {
        CoordinationResult? result = null;
        await foreach (var coordinationEvent in RunAsync(request, cancellationToken))
        {
            if (coordinationEvent is RunFinished finished)
            {
                result = finished.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The coordination ended without a RunFinished event.");
    }
}
