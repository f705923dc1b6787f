using MassGen.Configuration;
using Spectre.Console;

namespace MassGen.Cli.Setup;

/// <summary>
/// The interactive walkthrough of <c>massgen init</c>: as few questions as possible, each with a sensible default,
/// and none for what a flag already answered. It only collects answers; the caller writes the files.
/// </summary>
internal sealed class SetupWizard
{
    private const string OtherModel = "another model (type its name)";

    private readonly IAnsiConsole _console;
    private readonly ConfigEnvironment _environment;

    public SetupWizard(IAnsiConsole console, ConfigEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <summary>The plan, or null when the user chose not to replace an existing config.</summary>
    /// <exception cref="OperationCanceledException">The user pressed Ctrl+C.</exception>
    public async Task<SetupPlan?> AskAsync(SetupChoices choices, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _console.MarkupLine("[bold]MassGen setup[/]: a team, its models and tools, written to a config file. Ctrl+C cancels; nothing is written before the end.");
        if (File.Exists(outputPath) && !choices.Force
            && !await ConfirmAsync($"{outputPath} exists. Replace it?", false, cancellationToken))
        {
            return null;
        }

        var providers = choices.Providers.Count > 0
            ? [.. choices.Providers.Select(SetupProviders.Find).OfType<SetupProvider>()]
            : await AskProvidersAsync(cancellationToken);

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in providers.Where(p => !NonInteractiveSetup.HasKey(p, _environment)))
        {
            var variable = provider.KeyVariables[0];
            if (await ConfirmAsync($"No key for {provider.Name} ({variable}) was found. Store one in ~/.massgen/.env (readable by you only)?", true, cancellationToken))
            {
                var key = await new TextPrompt<string>($"{variable}:").Secret().ShowAsync(_console, cancellationToken);
                keys[variable] = key.Trim();
            }
        }

        var models = new Dictionary<string, string>(choices.Models, StringComparer.Ordinal);
        var open = providers.Where(p => !models.ContainsKey(p.Type)).ToList();
        if (open.Count > 0 && !await ConfirmAsync($"Use the default models ({string.Join(", ", open.Select(p => $"{p.Name}: {p.DefaultModel}"))})?", true, cancellationToken))
        {
            foreach (var provider in open)
            {
                models[provider.Type] = await AskModelAsync(provider, cancellationToken);
            }
        }

        var size = choices.Agents ?? await new TextPrompt<int>("How many agents?")
            .DefaultValue(SetupTeam.DefaultSize(providers.Count))
            .Validate(n => n is >= 1 and <= SetupTeam.MaxAgents ? ValidationResult.Success() : ValidationResult.Error($"Between 1 and {SetupTeam.MaxAgents}."))
            .ShowAsync(_console, cancellationToken);

        var searchable = providers.Where(p => p.HasWebSearch).Select(p => p.Name).ToList();
        var webSearch = choices.WebSearch ?? (searchable.Count > 0
            && await ConfirmAsync($"Turn on web search (run by {string.Join(", ", searchable)})?", false, cancellationToken));
        var commands = choices.Commands;
        var workspace = choices.Workspace ?? (commands == true
            || await ConfirmAsync("Give each agent a workspace folder to read and write files in?", false, cancellationToken));
        commands ??= workspace && await ConfirmAsync("Let the agents run commands in their workspace?", false, cancellationToken);
        var isolation = choices.Isolation ?? SetupProviders.DefaultIsolation;
        if (commands == true && choices.Isolation is null && SetupProviders.IsolationModes.Count > 1)
        {
            isolation = await new SelectionPrompt<string>().Title("How should commands be isolated?")
                .AddChoices(SetupProviders.IsolationModes).ShowAsync(_console, cancellationToken);
        }

        return new SetupPlan
        {
            Agents = SetupTeam.Agents(providers, models, size),
            WebSearch = webSearch,
            Workspace = workspace,
            Commands = commands == true,
            Isolation = isolation,
            OutputPath = outputPath,
            KeysToStore = keys,
        };
    }

    private async Task<List<SetupProvider>> AskProvidersAsync(CancellationToken cancellationToken)
    {
        var prompt = new MultiSelectionPrompt<SetupProvider>()
            .Title("Which providers should the team use?")
            .InstructionsText("[grey](space selects, enter accepts; those with a key found are selected)[/]")
            .PageSize(12)
            .UseConverter(p => NonInteractiveSetup.HasKey(p, _environment) ? $"{Markup.Escape(p.Name)} [green](key found)[/]" : $"{Markup.Escape(p.Name)} [grey](no key yet)[/]")
            .AddChoices(SetupProviders.All);
        foreach (var provider in SetupProviders.All.Where(p => NonInteractiveSetup.HasKey(p, _environment)))
        {
            prompt.Select(provider);
        }

        return await prompt.ShowAsync(_console, cancellationToken);
    }

    private async Task<string> AskModelAsync(SetupProvider provider, CancellationToken cancellationToken)
    {
        var choice = await new SelectionPrompt<string>()
            .Title($"Model for {provider.Name}:")
            .AddChoices([.. SetupProviders.KnownModels(provider), OtherModel])
            .ShowAsync(_console, cancellationToken);
        return choice == OtherModel
            ? (await new TextPrompt<string>($"{provider.Name} model name:").ShowAsync(_console, cancellationToken)).Trim()
            : choice;
    }

    private Task<bool> ConfirmAsync(string question, bool defaultValue, CancellationToken cancellationToken) =>
        new ConfirmationPrompt(Markup.Escape(question)) { DefaultValue = defaultValue }.ShowAsync(_console, cancellationToken);
}
