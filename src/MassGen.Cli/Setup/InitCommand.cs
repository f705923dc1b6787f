using MassGen.Cli.Hosting;
using MassGen.Configuration;

namespace MassGen.Cli.Setup;

/// <summary>
/// <c>massgen init</c>: a first configuration, asked interactively or taken from flags (<c>--non-interactive</c>),
/// validated before it is written, then the command to run it. A cancelled walkthrough writes nothing.
/// </summary>
internal sealed class InitCommand
{
    private readonly CliHost _host;

    public InitCommand(CliHost host)
    {
        _host = host;
    }

    public async Task<int> RunAsync(SetupChoices choices, bool nonInteractive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (Check(choices) is { } problem)
        {
            await _host.Error.WriteLineAsync($"massgen init: {problem}");
            return ExitCodes.UsageError;
        }

        var output = Path.GetFullPath(choices.Output ?? Path.Combine(".massgen", "config.yaml"), _host.WorkingDirectory);
        var environment = ConfigEnvironment.Load(_host.EnvironmentVariables, _host.WorkingDirectory, _host.HomeDirectory);
        SetupPlan? plan;
        if (nonInteractive)
        {
            (plan, var error) = NonInteractiveSetup.Plan(choices, environment, output);
            if (plan is null)
            {
                await _host.Error.WriteLineAsync($"massgen init: {error}");
                return ExitCodes.UsageError;
            }
        }
        else if (!_host.Console.Profile.Capabilities.Interactive)
        {
            await _host.Error.WriteLineAsync("massgen init: the walkthrough asks its questions on a terminal, and there is none here. "
                + "Pass --non-interactive with flags instead, e.g. massgen init --non-interactive --provider openai,claude (see massgen init --help).");
            return ExitCodes.UsageError;
        }
        else
        {
            try
            {
                plan = await new SetupWizard(_host.Console, environment).AskAsync(choices, output, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await _host.Error.WriteLineAsync("Cancelled: nothing was written.");
                return ExitCodes.Interrupted;
            }

            if (plan is null)
            {
                await _host.Error.WriteLineAsync($"Nothing was written; {output} is unchanged.");
                return ExitCodes.UsageError;
            }
        }

        return await WriteAsync(plan, environment);
    }

    /// <summary>What is wrong with the flags themselves, or null.</summary>
    private static string? Check(SetupChoices choices)
    {
        var known = string.Join(", ", SetupProviders.All.Select(p => p.Type));
        if (choices.Providers.FirstOrDefault(p => SetupProviders.Find(p) is null) is { } unknown)
        {
            return $"unknown provider '{unknown}' for --provider; one of {known}.";
        }

        if (choices.Models.Keys.FirstOrDefault(p => SetupProviders.Find(p) is null) is { } unknownModel)
        {
            return $"--model {unknownModel}=... names an unknown provider; one of {known} (write --model PROVIDER=MODEL).";
        }

        if (choices.Models.Values.Any(string.IsNullOrWhiteSpace))
        {
            return "--model needs PROVIDER=MODEL, e.g. --model openai=gpt-5.";
        }

        if (choices.Agents is < 1 or > SetupTeam.MaxAgents)
        {
            return $"--agents must be between 1 and {SetupTeam.MaxAgents}; got {choices.Agents}.";
        }

        if (choices.Isolation is { } mode && !SetupProviders.IsolationModes.Contains(mode))
        {
            return $"--isolation must be one of {string.Join(", ", SetupProviders.IsolationModes)}; got '{mode}'.";
        }

        if (choices.Output is { } path && !path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return $"init writes YAML: give --output a .yaml path; got '{path}'.";
        }

        return null;
    }

    private async Task<int> WriteAsync(SetupPlan plan, ConfigEnvironment environment)
    {
        // Validated under a temporary name first: a config that fails validation is never left where runs find it.
        var folder = Path.GetDirectoryName(plan.OutputPath)!;
        Directory.CreateDirectory(folder);
        var draft = Path.Combine(folder, $".massgen-init-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(draft, StarterConfig.Render(plan));
        var report = new ConfigLoader(WithKeysToCome(plan, environment), _host.WorkingDirectory).LoadFile(draft).Report;
        if (report.HasErrors)
        {
            File.Delete(draft);
            await _host.Error.WriteLineAsync($"massgen init: the config it made does not validate, so nothing was written (please report this):\n{report}");
            return ExitCodes.UsageError;
        }

        KeyFile.Store(_host.HomeDirectory, plan.KeysToStore);
        File.Move(draft, plan.OutputPath, overwrite: true);
        await WriteSummaryAsync(plan, environment);
        return ExitCodes.Answered;
    }

    /// <summary>
    /// The environment with a stand-in for every key still to be set (the summary names them): the config is checked
    /// for everything but the keys the user has yet to provide.
    /// </summary>
    private static ConfigEnvironment WithKeysToCome(SetupPlan plan, ConfigEnvironment environment)
    {
        var variables = new Dictionary<string, string>(environment.Variables, StringComparer.Ordinal);
        foreach (var provider in plan.Agents.Select(a => a.Provider).Where(p => !NonInteractiveSetup.HasKey(p, environment)))
        {
            variables[provider.KeyVariables[0]] = plan.KeysToStore.TryGetValue(provider.KeyVariables[0], out var key) ? key : "key-to-be-set";
        }

        return new ConfigEnvironment(variables);
    }

    private async Task WriteSummaryAsync(SetupPlan plan, ConfigEnvironment environment)
    {
        var output = _host.Output;
        var team = string.Join(", ", plan.Agents.Select(a => $"{a.Id} ({a.Model})"));
        await output.WriteLineAsync($"Wrote {plan.OutputPath}: {plan.Agents.Count} agent{(plan.Agents.Count == 1 ? "" : "s")}: {team}.");
        foreach (var variable in plan.KeysToStore.Keys)
        {
            await output.WriteLineAsync($"Stored {variable} in {KeyFile.PathIn(_host.HomeDirectory)} (readable by you only).");
        }

        var missing = plan.Agents.Select(a => a.Provider).Distinct()
            .Where(p => !NonInteractiveSetup.HasKey(p, environment) && !plan.KeysToStore.ContainsKey(p.KeyVariables[0]))
            .Select(p => p.KeyVariables[0]).ToList();
        if (missing.Count > 0)
        {
            await output.WriteLineAsync($"Still needed before a run: {string.Join(", ", missing)} (export it, or put it in ./.env or ~/.massgen/.env).");
        }

        var discovered = string.Equals(plan.OutputPath, Path.Combine(_host.WorkingDirectory, ".massgen", "config.yaml"), StringComparison.Ordinal);
        var relative = Path.GetRelativePath(_host.WorkingDirectory, plan.OutputPath);
        await output.WriteLineAsync(discovered
            ? "Run it from this folder:  massgen \"your question\""
            : $"Run it:  massgen --config {Quote(relative)} \"your question\"");
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
