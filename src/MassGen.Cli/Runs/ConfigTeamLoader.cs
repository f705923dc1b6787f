using MassGen.Cli.Hosting;

namespace MassGen.Cli.Runs;

/// <summary>Loads a team through MassGen.Configuration, MassGen.Providers and MassGen.Tools.</summary>
internal sealed class ConfigTeamLoader : ITeamLoader
{
    private readonly CliHost _host;

    public ConfigTeamLoader(CliHost host)
    {
        _host = host;
    }

    public Task<LoadedTeam> LoadAsync(TeamSource source, CancellationToken cancellationToken = default)
    {
        _ = _host;
        return Task.FromResult(new LoadedTeam { Errors = ["Loading configurations is not wired into this build yet."] });
    }

    public (string Report, bool HasErrors) Validate(string path) => ($"{path}: configuration loading is not wired into this build yet.", true);
}
