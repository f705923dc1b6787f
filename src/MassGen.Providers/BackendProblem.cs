namespace MassGen.Providers;

/// <summary>One thing wrong with a backend block.</summary>
/// <param name="Key">The backend key it concerns, relative to the block (<c>base_url</c>, <c>api_key</c>, <c>enable_web_search</c>…).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record BackendProblem(string Key, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Key}: {Message}";
}
