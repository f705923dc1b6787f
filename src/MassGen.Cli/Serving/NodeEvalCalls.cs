using MassGen.Cli.Commands;
using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;
using MassGen.Cluster;
using MassGen.Evaluation.Eval;

namespace MassGen.Cli.Serving;

/// <summary>
/// The eval calls that land on this node of a cluster (from a <c>massgen eval --cluster</c> anywhere in it), made
/// with this node's own copy of the named team: a serve node loads the config it serves under that name on the first
/// call and keeps it; an eval node uses the team it is evaluating.
/// </summary>
internal sealed class NodeEvalCalls : IEvalCallEngine, IAsyncDisposable
{
    private readonly Dictionary<string, Lazy<Task<(EvalTeam Team, LoadedTeam? Owned)>>> _teams;
    private readonly TimeProvider _time;

    private NodeEvalCalls(Dictionary<string, Lazy<Task<(EvalTeam, LoadedTeam?)>>> teams, TimeProvider time)
    {
        _teams = teams;
        _time = time;
    }

    /// <summary>The configs a serve node serves, each loaded when its first call comes.</summary>
    public static NodeEvalCalls Load(IEnumerable<(string Name, string Path)> configs, CliHost host, ITeamLoader loader) => new(
        configs.ToDictionary(
            c => c.Name,
            c => new Lazy<Task<(EvalTeam, LoadedTeam?)>>(() => LoadAsync(c.Path, loader)),
            StringComparer.Ordinal),
        host.TimeProvider);

    /// <summary>The one team an eval node evaluates, already loaded (and owned by the eval).</summary>
    public static NodeEvalCalls Of(string name, EvalTeam team, TimeProvider time) => new(
        new Dictionary<string, Lazy<Task<(EvalTeam, LoadedTeam?)>>>(StringComparer.Ordinal) { [name] = new(Task.FromResult((team, (LoadedTeam?)null))) },
        time);

    public async Task<string> RunAsync(string team, string request, CancellationToken cancellationToken)
    {
        if (!_teams.TryGetValue(team, out var loaded))
        {
            throw new ArgumentException($"This node serves no team '{team}' (it serves {string.Join(", ", _teams.Keys)}): every node of a cluster must serve the same configs.", nameof(team));
        }

        var (evalTeam, _) = await loaded.Value;
        return await EvalCallHost.RunAsync(evalTeam, request, _time, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var team in _teams.Values.Where(t => t.IsValueCreated))
        {
            try
            {
                if ((await team.Value).Owned is { } owned)
                {
                    await owned.DisposeAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // It never loaded: nothing to stop.
            }
        }
    }

    private static async Task<(EvalTeam, LoadedTeam?)> LoadAsync(string path, ITeamLoader loader)
    {
        var team = await loader.LoadAsync(new TeamSource(path, path, null), CancellationToken.None);
        if (!team.IsValid)
        {
            await team.DisposeAsync();
            throw new InvalidOperationException($"{path} cannot be used for eval calls: {string.Join("; ", team.Errors)}");
        }

        return (EvalCommand.ToEvalTeam(team), team);
    }
}
