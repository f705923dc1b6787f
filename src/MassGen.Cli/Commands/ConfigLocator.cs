using MassGen.Cli.Hosting;
using MassGen.Configuration;

namespace MassGen.Cli.Commands;

/// <summary>
/// Finds the config file for the host's folders through <see cref="ConfigDiscovery"/>: <c>--config PATH</c> (or
/// <c>~/.config/massgen/agents/PATH</c>), <c>@examples/NAME</c>, else <c>.massgen/config.yaml</c>, then
/// <c>~/.config/massgen/config.yaml</c>.
/// </summary>
internal sealed class ConfigLocator
{
    private readonly ConfigDiscovery _discovery;

    public ConfigLocator(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _discovery = new ConfigDiscovery(
            host.WorkingDirectory,
            host.HomeDirectory,
            ConfigDiscovery.DefaultExamplesDirectory(host.GetVariable(ConfigDiscovery.ExamplesDirectoryVariable)));
    }

    /// <summary>The file for <c>--config</c>, or an error that says what was tried and what exists.</summary>
    public (string? Path, string? Error) Resolve(string argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return (null, "the config file name is empty; give a file (team.yaml) or @examples/NAME for a shipped example.");
        }

        try
        {
            return (_discovery.Find(argument)?.Path, null);
        }
        catch (ConfigurationException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>The config found without <c>--config</c>, or null.</summary>
    public string? Discover() => _discovery.Find(null)?.Path;
}
