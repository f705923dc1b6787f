namespace MassGen.Cli.Runs;

/// <summary>Turns a config (file or generated YAML) into a validated, runnable team: config, then providers, then tools.</summary>
internal interface ITeamLoader
{
    /// <summary>Loads and validates the team and builds its agents. Never calls a model.</summary>
    Task<LoadedTeam> LoadAsync(TeamSource source, CancellationToken cancellationToken = default);

    /// <summary>Validates a config file without building anything; the report as text and whether it has errors.</summary>
    (string Report, bool HasErrors) Validate(string path);
}
