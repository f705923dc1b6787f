namespace MassGen.Evaluation.IfEval.Text;

/// <summary>Counts of letters overall and in the scripts the language identifier decides on directly.</summary>
internal readonly record struct ScriptStatistics(int Letters, int Latin, int Kannada, int Malayalam)
{
    public static ScriptStatistics Of(string text)
    {
        int letters = 0, latin = 0, kannada = 0, malayalam = 0;
        foreach (var c in text)
        {
            // Indic vowel signs are combining marks, not letters, but they belong to the script.
            var inIndicBlocks = c is >= '\u0900' and <= '\u0DFF';
            if (!char.IsLetter(c) && !(inIndicBlocks && char.IsLetterOrDigit(c) is false && !char.IsPunctuation(c)))
            {
                continue;
            }

            letters++;
            if (c is <= '\u024F' or (>= '\u1E00' and <= '\u1EFF'))
            {
                latin++;
            }
            else if (c is >= '\u0C80' and <= '\u0CFF')
            {
                kannada++;
            }
            else if (c is >= '\u0D00' and <= '\u0D7F')
            {
                malayalam++;
            }
        }

        return new ScriptStatistics(letters, latin, kannada, malayalam);
    }
}
