using MassGen.Core.Agents;

namespace MassGen.Cli.Recording;

/// <summary>A call that failed in the original run fails again in the replay, with the same message.</summary>
internal sealed class ReplayedFailureException(string message, bool permanent) : Exception(message), IPermanentFailure
{
    public bool IsPermanent => permanent;
}
