using MassGen.Cli.Hosting;
using MassGen.Cli.Runs;

namespace MassGen.Cli.Commands;

/// <summary><c>massgen validate FILE</c>: every problem of a config file at once, without calling any model.</summary>
internal sealed class ValidateCommand
{
    private readonly CliHost _host;
    private readonly ITeamLoader _loader;

    public ValidateCommand(CliHost host, ITeamLoader loader)
    {
        _host = host;
        _loader = loader;
    }

    public async Task<int> RunAsync(string file)
    {
        var (path, error) = new ConfigLocator(_host).Resolve(file);
        if (path is null)
        {
            await _host.Error.WriteLineAsync(error);
            return ExitCodes.UsageError;
        }

        var (report, hasErrors) = _loader.Validate(path);
        await (hasErrors ? _host.Error : _host.Output).WriteLineAsync(report);
        return hasErrors ? ExitCodes.UsageError : ExitCodes.Answered;
    }
}
