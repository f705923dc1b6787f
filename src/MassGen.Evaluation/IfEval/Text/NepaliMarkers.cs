namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Tells Nepali from Hindi and Marathi (all Devanagari) by frequent function words that are
/// characteristic of each language.
/// </summary>
internal static class NepaliMarkers
{
    private static readonly HashSet<string> s_nepali = new(StringComparer.Ordinal)
    {
        "छ", "छन्", "थियो", "थिए", "गर्न", "लागि", "पनि", "यो", "र", "मा", "हुन्छ", "गर्छ", "भएको", "तपाईं", "हामी",
    };

    private static readonly HashSet<string> s_hindiOrMarathi = new(StringComparer.Ordinal)
    {
        "है", "हैं", "था", "थे", "और", "में", "के", "की", "का", "से", "आहे", "आणि", "च्या", "होते", "आहेत", "हे", "या",
    };

    public static bool LooksNepali(string text)
    {
        int nepali = 0, other = 0;
        foreach (var word in text.Split([' ', '\n', '\t', '\r', '।', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (s_nepali.Contains(word))
            {
                nepali++;
            }
            else if (s_hindiOrMarathi.Contains(word))
            {
                other++;
            }
        }

        return nepali > other;
    }
}
