using MassGen.Configuration;

namespace MassGen.Cli.Setup;

/// <summary><c>massgen init --non-interactive</c>: the plan from the flags and defaults, or the reason there is none.</summary>
internal static class NonInteractiveSetup
{
    public static (SetupPlan? Plan, string? Error) Plan(SetupChoices choices, ConfigEnvironment environment, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(environment);
        if (File.Exists(outputPath) && !choices.Force)
        {
            return (null, $"{outputPath} already exists; pass --force to replace it, or --output PATH to write elsewhere.");
        }

        var providers = choices.Providers.Count > 0
            ? [.. choices.Providers.Select(SetupProviders.Find).OfType<SetupProvider>()]
            : SetupProviders.All.Where(p => HasKey(p, environment)).ToList();
        if (providers.Count == 0)
        {
            return (null, "No API key of a hosted provider was found (environment, ./.env, ~/.massgen/.env), so there is no team to set up. "
                + $"Name the providers: --provider openai,claude (one of {string.Join(", ", SetupProviders.All.Select(p => p.Type))}).");
        }

        return (new SetupPlan
        {
            Agents = SetupTeam.Agents(providers, choices.Models, choices.Agents ?? SetupTeam.DefaultSize(providers.Count)),
            WebSearch = choices.WebSearch ?? false,
            Workspace = choices.Workspace ?? false,
            Commands = choices.Commands ?? false,
            Isolation = choices.Isolation ?? SetupProviders.DefaultIsolation,
            OutputPath = outputPath,
        }, null);
    }

    /// <summary>True when one of the provider's key variables is set.</summary>
    public static bool HasKey(SetupProvider provider, ConfigEnvironment environment) =>
        provider.KeyVariables.Any(environment.HasValue);
}
