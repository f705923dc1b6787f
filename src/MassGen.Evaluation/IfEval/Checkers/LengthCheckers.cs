using System.Text.RegularExpressions;
using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary><c>length_constraints:number_sentences</c>: Punkt sentence count against a relation.</summary>
internal sealed class NumberOfSentencesChecker(int sentences, Relation relation) : IInstructionChecker
{
    public bool IsFollowed(string response) => relation.Holds(PunktSentenceTokenizer.CountSentences(response), sentences);
}

/// <summary><c>length_constraints:number_words</c>: count of <c>\w+</c> runs against a relation.</summary>
internal sealed class NumberOfWordsChecker(int words, Relation relation) : IInstructionChecker
{
    public bool IsFollowed(string response) => relation.Holds(PythonText.CountWords(response), words);
}

/// <summary>
/// <c>length_constraints:number_paragraphs</c>: exactly N paragraphs separated by <c>***</c> dividers; an
/// empty part before the first or after the last divider is tolerated, an empty part between two is not.
/// </summary>
internal sealed partial class NumberOfParagraphsChecker(int paragraphs) : IInstructionChecker
{
    public bool IsFollowed(string response)
    {
        var parts = Divider().Split(response);
        var count = parts.Length;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim().Length == 0)
            {
                if (i != 0 && i != parts.Length - 1)
                {
                    return false;
                }

                count--;
            }
        }

        return count == paragraphs;
    }

    [GeneratedRegex(@"\s?\*\*\*\s?")]
    private static partial Regex Divider();
}

/// <summary>
/// <c>length_constraints:nth_paragraph_first_word</c>: N paragraphs split on blank lines (<c>\n\n</c>), and
/// paragraph n starts with the word, compared case-insensitively after leading quotes; the word ends at the
/// first punctuation mark, so "word," matches but "wo.rd" does not.
/// </summary>
internal sealed class NthParagraphFirstWordChecker(int paragraphs, int nth, string firstWord) : IInstructionChecker
{
    private readonly string _firstWord = firstWord.ToLowerInvariant();

    public bool IsFollowed(string response)
    {
        var parts = response.Split("\n\n");
        var count = parts.Count(p => p.Trim().Length != 0);
        if (nth > count || nth < 1)
        {
            return false;
        }

        var paragraph = parts[nth - 1].Trim();
        if (paragraph.Length == 0)
        {
            return false;
        }

        var word = PythonText.SplitOnWhitespace(paragraph)[0].Trim().TrimStart('\'').TrimStart('"');
        var end = word.IndexOfAny(['.', ',', '?', '!', '\'', '"']);
        var first = (end < 0 ? word : word[..end]).ToLowerInvariant();
        return count == paragraphs && first == _firstWord;
    }
}
