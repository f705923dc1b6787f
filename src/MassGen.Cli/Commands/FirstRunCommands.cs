using System.CommandLine;
using MassGen.Cli.Completion;
using MassGen.Cli.Hosting;
using MassGen.Cli.Setup;
using MassGen.Configuration;

namespace MassGen.Cli.Commands;

/// <summary>
/// What makes the command feel installed: <c>massgen init</c>, <c>massgen completion SHELL</c>, the completions of
/// option values, and <c>--version</c> with the commit and runtime. Added to the root command built by
/// <see cref="CommandLine"/>.
/// </summary>
internal static class FirstRunCommands
{
    private const string ProgramName = "massgen";

    public static void AddTo(RootCommand root, CliHost host)
    {
        // The completion scripts send the typed line starting with "massgen"; the root must know itself by that name
        // however the program was started (apphost, dotnet massgen.dll, a test host).
        if (root.Name != ProgramName)
        {
            root.Aliases.Add(ProgramName);
        }

        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version)
        {
            version.Action = new VersionAction();
        }

        var sources = new CompletionSources(host.WorkingDirectory,
            ConfigDiscovery.DefaultExamplesDirectory(host.GetVariable(ConfigDiscovery.ExamplesDirectoryVariable)));
        AddCompletions(root, "--config", "file", sources.Configs);
        AddCompletions(root, "--model", "model", CompletionSources.Models);
        AddCompletions(root, "--models", "models", CompletionSources.ModelLists);
        AddCompletions(root, "--backend", "type", CompletionSources.BackendTypes);
        if (root.Subcommands.FirstOrDefault(c => c.Name == "validate")?.Arguments.FirstOrDefault() is { } file)
        {
            file.HelpName ??= "file";
            file.CompletionSources.Add(sources.Configs);
        }

        if (root.Subcommands.FirstOrDefault(c => c.Name == "resume")?.Arguments.FirstOrDefault() is { } run)
        {
            run.HelpName ??= "run";
            run.CompletionSources.Add(context => ResumeCommand.RunIds(host.WorkingDirectory, context.WordToComplete));
        }

        root.Add(Init(host));
        root.Add(CompletionCommand());
    }

    // Without a help name, --help would list every completion (each folder of the working directory) as the value.
    private static void AddCompletions(Command command, string name, string helpName, Func<System.CommandLine.Completions.CompletionContext, IEnumerable<string>> source)
    {
        if (command.Options.FirstOrDefault(o => o.Name == name) is { } option)
        {
            option.HelpName ??= helpName;
            option.CompletionSources.Add(source);
        }
    }

    private static Command Init(CliHost host)
    {
        var nonInteractive = new Option<bool>("--non-interactive", "-y") { Description = "Ask nothing: take the flags, and defaults for the rest (for scripts)." };
        var providers = new Option<string[]>("--provider", "-p")
        {
            Description = "Providers of the team, e.g. openai,claude (default: those whose API key is found).",
            AllowMultipleArgumentsPerToken = true,
        };
        providers.CompletionSources.Add(CompletionSources.SetupProviderTypes);
        var models = new Option<string[]>("--model", "-m") { Description = "A provider's model, as PROVIDER=MODEL (e.g. openai=gpt-5); repeatable. Default: the provider's current default." };
        var agents = new Option<int?>("--agents", "-n") { Description = "Team size (default: one agent per provider; three with a single provider)." };
        var webSearch = new Option<bool?>("--web-search") { Description = "Turn on web search for the providers that run one." };
        var workspace = new Option<bool?>("--workspace") { Description = "Give each agent a workspace folder with file tools." };
        var commands = new Option<bool?>("--commands") { Description = "Let the agents run commands in their workspace (execute_command); implies --workspace." };
        var isolation = new Option<string?>("--isolation") { Description = "How commands are isolated (command_line_execution_mode)." };
        isolation.AcceptOnlyFromAmong([.. SetupProviders.IsolationModes]);
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the config (default: .massgen/config.yaml, found by every run from this folder)." };
        var force = new Option<bool>("--force", "-f") { Description = "Replace an existing config without asking." };

        var init = new Command("init", "Set up a first configuration: providers, models, team size and tools, validated and written to .massgen/config.yaml.")
        {
            nonInteractive, providers, models, agents, webSearch, workspace, commands, isolation, output, force,
        };
        init.SetAction(async (parse, cancellationToken) =>
        {
            var pairs = (parse.GetValue(models) ?? []).Select(m => m.Split('=', 2)).ToList();
            var choices = new SetupChoices
            {
                Providers = [.. (parse.GetValue(providers) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Models = pairs.ToDictionary(p => p[0].Trim(), p => p.Length == 2 ? p[1].Trim() : "", StringComparer.OrdinalIgnoreCase),
                Agents = parse.GetValue(agents),
                WebSearch = parse.GetValue(webSearch),
                Workspace = parse.GetValue(workspace),
                Commands = parse.GetValue(commands),
                Isolation = parse.GetValue(isolation),
                Output = parse.GetValue(output),
                Force = parse.GetValue(force),
            };
            return await new InitCommand(host).RunAsync(choices, parse.GetValue(nonInteractive), cancellationToken);
        });
        return init;
    }

    private static Command CompletionCommand()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var completion = new Command("completion", "Print the shell completion script for bash, zsh, fish or pwsh (e.g. source <(massgen completion bash)).") { shell };
        completion.SetAction(async (parse, cancellationToken) =>
        {
            await parse.InvocationConfiguration.Output.WriteAsync(CompletionScripts.For(parse.GetValue(shell)!).AsMemory(), cancellationToken);
            return ExitCodes.Answered;
        });
        return completion;
    }
}
