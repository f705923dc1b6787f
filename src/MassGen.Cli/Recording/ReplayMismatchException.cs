using MassGen.Core.Agents;

namespace MassGen.Cli.Recording;

/// <summary>A request the recording does not hold: the replay cannot answer it. Permanent, so the engine does not retry.</summary>
internal sealed class ReplayMismatchException(string message) : Exception(message), IPermanentFailure
{
    public bool IsPermanent => true;
}
