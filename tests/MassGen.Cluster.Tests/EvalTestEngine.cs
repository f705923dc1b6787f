using System.Collections.Concurrent;
using MassGen.Core.Agents;
using MassGen.Core.Coordination;
using MassGen.Evaluation.Eval;
using MassGen.Testing.Scripting;

namespace MassGen.Cluster.Tests;

/// <summary>
/// The eval calls of a test silo: each silo has its own copy of the team (two <see cref="ItemAnswerModel"/> members),
/// as each node of a real cluster loads its own config. While <see cref="Gate"/> is set, every call waits at it first,
/// so a test can hold calls mid-way on whichever silo they are.
/// </summary>
public sealed class EvalTestEngine : IEvalCallEngine
{
    public const string Team = "eval-team";

    private static readonly ConcurrentDictionary<string, EvalTestEngine> s_bySilo = new(StringComparer.Ordinal);

    private readonly EvalTeam _team = NewTeam();
    private int _held;

    /// <summary>Holds every call until it opens; null: no call waits.</summary>
    public static ScriptedEngine.Gate? Gate { get; set; }

    /// <summary>Calls that are waiting at the gate on this silo now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>The team as every node and the local eval build it.</summary>
    public static EvalTeam NewTeam() =>
        new([new AgentDefinition("a", new ItemAnswerModel("a", 0)), new AgentDefinition("b", new ItemAnswerModel("b", 1))], new OrchestratorOptions());

    public static EvalTestEngine For(string silo) => s_bySilo.GetOrAdd(silo, _ => new EvalTestEngine());

    public static EvalTestEngine? Of(string silo) => s_bySilo.GetValueOrDefault(silo);

    public async Task<string> RunAsync(string team, string request, CancellationToken cancellationToken)
    {
        if (team != Team)
        {
            throw new ArgumentException($"No team '{team}' on this node.", nameof(team));
        }

        if (Gate is { } gate)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await gate.PassAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        return await EvalCallHost.RunAsync(_team, request, TimeProvider.System, cancellationToken);
    }
}
