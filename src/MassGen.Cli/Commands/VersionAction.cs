using System.CommandLine;
using System.CommandLine.Invocation;

namespace MassGen.Cli.Commands;

/// <summary><c>massgen --version</c>: the version, the commit when built from a clone, and the runtime.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(VersionInfo.Describe());
        return ExitCodes.Answered;
    }
}
