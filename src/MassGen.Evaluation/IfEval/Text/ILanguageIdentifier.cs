namespace MassGen.Evaluation.IfEval.Text;

/// <summary>Identifies the language of a text, for the IFEval language and case instructions.</summary>
public interface ILanguageIdentifier
{
    /// <summary>The code for a text too short to identify (ISO 639-2 "undetermined").</summary>
    const string Undetermined = "und";

    /// <summary>
    /// Returns the ISO 639-1 code of the language <paramref name="text"/> is written in (for example
    /// <c>en</c>); <see cref="Undetermined"/> (<c>und</c>) when the text has too few letters to tell, which
    /// matches no requested language; or <see langword="null"/> when there is nothing to detect (no letters),
    /// which the official checker counts as following the instruction.
    /// </summary>
    string? Identify(string text);
}
