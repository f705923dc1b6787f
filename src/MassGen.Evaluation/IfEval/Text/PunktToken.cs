using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>A word token with the annotations Punkt decides on (sentence break, abbreviation, ellipsis).</summary>
internal sealed partial class PunktToken
{
    public PunktToken(string text)
    {
        Text = text;
        Type = NumericPattern().Replace(text.ToLowerInvariant(), "##number##");
        PeriodFinal = text.EndsWith('.');
    }

    public string Text { get; }

    /// <summary>The case-normalised type, with numbers collapsed to <c>##number##</c>.</summary>
    public string Type { get; }

    public bool PeriodFinal { get; }

    public bool SentenceBreak { get; set; }

    public bool Abbreviation { get; set; }

    public bool Ellipsis { get; set; }

    public string TypeNoPeriod => Type.Length > 1 && Type[^1] == '.' ? Type[..^1] : Type;

    public string TypeNoSentencePeriod => SentenceBreak ? TypeNoPeriod : Type;

    public bool FirstUpper => char.IsUpper(Text[0]);

    public bool FirstLower => char.IsLower(Text[0]);

    public bool IsEllipsis => EllipsisPattern().IsMatch(Text);

    public bool IsInitial => InitialPattern().IsMatch(Text);

    // Python's [^\W\d] is a letter, a non-decimal number or the underscore; \d is a decimal digit.
    [GeneratedRegex(@"^-?[\.,]?\d[\d,\.-]*\.?$")]
    private static partial Regex NumericPattern();

    [GeneratedRegex(@"^\.\.+$")]
    private static partial Regex EllipsisPattern();

    [GeneratedRegex(@"^[\p{L}\p{Nl}\p{No}_]\.$")]
    private static partial Regex InitialPattern();
}
