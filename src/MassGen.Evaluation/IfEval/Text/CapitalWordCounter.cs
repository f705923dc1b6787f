using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Counts fully upper-case words as the official checker does after NLTK's Treebank-style word tokenizer.
/// Only the token boundaries that can change an upper-case count are reproduced: whitespace, punctuation
/// the tokenizer splits off (quotes, brackets, <c>, ; : ? ! &amp; % $ # @</c>, <c>--</c>), and clitics such
/// as <c>'s</c> or <c>n't</c> ("DON'T" is the two tokens "DO" and "N'T", both upper case). Hyphenated
/// words stay one token.
/// </summary>
internal static partial class CapitalWordCounter
{
    public static int Count(string text)
    {
        var count = 0;
        foreach (var chunk in PythonText.SplitOnWhitespace(text))
        {
            foreach (var piece in SplitPunctuation().Split(chunk))
            {
                if (piece.Length == 0)
                {
                    continue;
                }

                var fused = FusedWords().Match(piece);
                if (fused.Success)
                {
                    count += Upper(fused.Groups["a"].Value) + Upper(fused.Groups["b"].Value);
                    continue;
                }

                var clitic = Clitic().Match(piece);
                count += clitic.Success
                    ? Upper(clitic.Groups[1].Value) + Upper(clitic.Groups[2].Value)
                    : Upper(piece);
            }
        }

        return count;
    }

    private static int Upper(string token) => PythonText.IsUpper(token) ? 1 : 0;

    // Commas and colons before a digit stay inside the token (as in "1,000" or "10:30").
    [GeneratedRegex(@"--|[;@#$%&?!""`()\[\]{}<>]|[,:](?!\d)")]
    private static partial Regex SplitPunctuation();

    [GeneratedRegex(@"^(.*[^' ])('[sSmMdD]|'ll|'LL|'re|'RE|'ve|'VE|n't|N'T|')$")]
    private static partial Regex Clitic();

    [GeneratedRegex(@"^(?i:(?<a>can)(?<b>not)|(?<a>gon|wan)(?<b>na)|(?<a>got)(?<b>ta)|(?<a>lem|gim)(?<b>me))$")]
    private static partial Regex FusedWords();
}
