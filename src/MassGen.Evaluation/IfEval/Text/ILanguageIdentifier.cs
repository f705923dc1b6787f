namespace MassGen.Evaluation.IfEval.Text;

/// <summary>Identifies the language of a text, for the IFEval language and case instructions.</summary>
public interface ILanguageIdentifier
{
    /// <summary>
    /// Returns the ISO 639-1 code of the language <paramref name="text"/> is written in (for example
    /// <c>en</c>), or <see langword="null"/> when no language can be detected (for example, no letters);
    /// the official checker counts an undetectable text as following the instruction.
    /// </summary>
    string? Identify(string text);
}
