using System.Collections.Concurrent;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Remembers the language of each text already identified. Strict and loose scoring ask about the same
/// response and many identical loose variants, and identification is the costliest check.
/// </summary>
internal sealed class MemoizingLanguageIdentifier(ILanguageIdentifier inner) : ILanguageIdentifier
{
    private readonly ConcurrentDictionary<string, string?> _known = new(StringComparer.Ordinal);

    public string? Identify(string text) => _known.GetOrAdd(text, inner.Identify);
}
