using MassGen.Core.Agents;

namespace MassGen.Providers;

/// <summary>
/// Backend type <c>local</c> cannot run on this machine: the llama.cpp native libraries it needs are missing or do not
/// load. Thrown by an agent's model calls, so that agent fails at once with this message and the rest of the team
/// carries on; retrying cannot help until the libraries are put back.
/// </summary>
public sealed class LocalRuntimeUnavailableException : Exception, IPermanentFailure
{
    /// <summary>Creates the exception.</summary>
    /// <param name="platform">The runtime identifier of this process (<c>linux-x64</c>…).</param>
    /// <param name="problem">What is missing, and where it was looked for.</param>
    /// <param name="fix">How to get it working.</param>
    /// <param name="innerException">The loader's own failure, when there was one.</param>
    public LocalRuntimeUnavailableException(string platform, string problem, string fix, Exception? innerException = null)
        : base($"{problem.TrimEnd('.', ' ')}. Fix: {fix.TrimEnd('.', ' ')}.", innerException)
    {
        Platform = platform;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The runtime identifier of this process (<c>linux-x64</c>…).</summary>
    public string Platform { get; }

    /// <summary>What is missing, and where it was looked for.</summary>
    public string Problem { get; }

    /// <summary>How to get it working.</summary>
    public string Fix { get; }

    /// <inheritdoc/>
    public bool IsPermanent => true;
}
