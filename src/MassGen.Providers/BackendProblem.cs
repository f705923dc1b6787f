namespace MassGen.Providers;

/// <summary>One thing wrong with a backend block.</summary>
/// <param name="Key">The backend key it concerns, relative to the block (<c>base_url</c>, <c>api_key</c>, <c>enable_web_search</c>…).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record BackendProblem(string Key, string Message)
{
    /// <summary>
    /// True for a warning: the block works, but probably not as meant (a key that may be missing, a server with no
    /// known key variable). <see cref="ProviderFactory.Create"/> goes ahead despite warnings.
    /// </summary>
    public bool IsWarning { get; init; }

    /// <summary>
    /// True when the problem is this machine's, not the block's: a model file or program that is not installed here.
    /// Creating the client fails on it; checking a configuration file (<c>massgen validate</c>) leaves it to the run,
    /// since the file may be meant for another machine.
    /// </summary>
    public bool IsAboutThisMachine { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Key}: {Message}";
}
