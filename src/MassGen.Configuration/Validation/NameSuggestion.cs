using MassGen.Configuration.Internal;

namespace MassGen.Configuration;

/// <summary>The "did you mean" hints of configuration keys, for other misspelt names (command-line options).</summary>
public static class NameSuggestion
{
    /// <summary>The candidate closest to <paramref name="name"/> within a typo's distance, or <c>null</c>.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates) => KeySuggester.Suggest(name, candidates);
}
