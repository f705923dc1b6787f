using MassGen.Cli.Team;

namespace MassGen.Cli.Setup;

/// <summary>Turns the chosen providers, models and team size into the agents of a <see cref="SetupPlan"/>.</summary>
internal static class SetupTeam
{
    public const int MaxAgents = 20;

    private static readonly double[] s_temperatures = [0.2, 0.7, 1.0];

    /// <summary>The default team size: one agent per provider, or three of a single provider's model.</summary>
    public static int DefaultSize(int providers) => providers == 1 ? 3 : providers;

    /// <summary>
    /// <paramref name="size"/> agents drawn from the providers in turn. An agent whose model appears once is named after
    /// its provider; agents sharing a model are numbered and get different temperatures (reasoning models take none).
    /// </summary>
    public static IReadOnlyList<SetupAgent> Agents(IReadOnlyList<SetupProvider> providers, IReadOnlyDictionary<string, string> models, int size)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(models);
        var picks = Enumerable.Range(0, size).Select(i => providers[i % providers.Count]).ToList();
        var agents = new List<SetupAgent>();
        foreach (var provider in picks)
        {
            var model = models.TryGetValue(provider.Type, out var chosen) ? chosen : provider.DefaultModel;
            var peers = picks.Count(p => p == provider);
            var number = agents.Count(a => a.Provider == provider) + 1;
            var id = peers == 1 ? provider.Type : $"{provider.Type}-{number}";
            double? temperature = peers == 1 || KnownProviders.TakesNoTemperature(provider.Type, model) ? null : s_temperatures[(number - 1) % s_temperatures.Length];
            agents.Add(new SetupAgent(id, provider, model, temperature));
        }

        return agents;
    }
}
