using System.Text.RegularExpressions;

namespace MassGen.Evaluation.IfEval.Text;

/// <summary>
/// Counts sentences the way the Punkt algorithm (Kiss &amp; Strunk 2006) does with the pretrained English
/// parameters, following the reference implementation's candidate search, two annotation passes and
/// boundary realignment, so that sentence-count verdicts match the official IFEval checker.
/// </summary>
internal static partial class PunktSentenceTokenizer
{
    private const string NonWord = @"(?:[)"";}\]\*:@'\({\[?!])";
    private const string MultiChar = @"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)";
    private const string PythonWhitespace = " \t\n\r\v\f";

    /// <summary>Returns the number of sentences Punkt finds in <paramref name="text"/>.</summary>
    public static int CountSentences(string text) => Split(text).Count;

    /// <summary>Returns the sentences as (start, length) spans of <paramref name="text"/>.</summary>
    public static IReadOnlyList<(int Start, int Length)> Split(string text)
    {
        var slices = Slices(text);
        var result = new List<(int, int)>();
        var realign = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var start = slices[i].Start + realign;
            var stop = slices[i].Stop;
            if (i == slices.Count - 1)
            {
                if (stop > start)
                {
                    result.Add((start, stop - start));
                }

                continue;
            }

            var next = slices[i + 1];
            var nextText = next.Stop > next.Start ? text[next.Start..next.Stop] : string.Empty;
            var closer = BoundaryRealignment().Match(nextText);
            if (closer.Success)
            {
                var end = next.Start + closer.Value.TrimEnd().Length;
                result.Add((start, Math.Max(0, end - start)));
                realign = closer.Index + closer.Length;
            }
            else
            {
                realign = 0;
                if (stop > start)
                {
                    result.Add((start, stop - start));
                }
            }
        }

        return result;
    }

    private static List<(int Start, int Stop)> Slices(string text)
    {
        var slices = new List<(int, int)>();
        var lastBreak = 0;
        foreach (var (match, context) in PotentialEndContexts(text))
        {
            if (!ContainsSentenceBreak(context))
            {
                continue;
            }

            slices.Add((lastBreak, match.Index + match.Length));
            var nextToken = match.Groups["next_tok"];
            lastBreak = nextToken.Success ? nextToken.Index : match.Index + match.Length;
        }

        slices.Add((lastBreak, text.TrimEnd().Length));
        return slices;
    }

    // Each candidate end (., ? or !) with its context: the word before it, the mark and what follows.
    // Overlapping candidates (as in "!!!") collapse into the last one, as in the reference implementation.
    private static IEnumerable<(Match Match, string Context)> PotentialEndContexts(string text)
    {
        (int Start, int Stop) previousSlice = (0, 0);
        Match? previousMatch = null;
        foreach (Match match in PeriodContext().Matches(text))
        {
            var beforeText = text[previousSlice.Stop..match.Index];
            var lastSpace = LastWhitespaceIndex(beforeText);
            var wordStart = lastSpace != 0 ? lastSpace + previousSlice.Stop + 1 : previousSlice.Start;
            var wordSlice = (Start: wordStart, Stop: match.Index);
            if (previousMatch is not null && previousSlice.Stop <= wordSlice.Start)
            {
                yield return (previousMatch, ContextOf(text, previousSlice, previousMatch));
            }

            previousMatch = match;
            previousSlice = wordSlice;
        }

        if (previousMatch is not null)
        {
            yield return (previousMatch, ContextOf(text, previousSlice, previousMatch));
        }
    }

    private static string ContextOf(string text, (int Start, int Stop) slice, Match match) =>
        (slice.Stop > slice.Start ? text[slice.Start..slice.Stop] : string.Empty)
        + match.Value + match.Groups["after_tok"].Value;

    // Zero when there is none, and also when the only whitespace is at index 0 (the reference does the same).
    private static int LastWhitespaceIndex(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (PythonWhitespace.Contains(text[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static bool ContainsSentenceBreak(string context)
    {
        var tokens = Annotate(Tokenize(context));
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].SentenceBreak)
            {
                return true;
            }
        }

        return false;
    }

    private static List<PunktToken> Tokenize(string text)
    {
        var tokens = new List<PunktToken>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            foreach (Match word in WordTokenizer().Matches(line))
            {
                tokens.Add(new PunktToken(word.Value));
            }
        }

        return tokens;
    }

    private static List<PunktToken> Annotate(List<PunktToken> tokens)
    {
        var model = PunktModel.English;
        foreach (var token in tokens)
        {
            FirstPass(token, model);
        }

        for (var i = 0; i < tokens.Count - 1; i++)
        {
            SecondPass(tokens[i], tokens[i + 1], model);
        }

        return tokens;
    }

    private static void FirstPass(PunktToken token, PunktModel model)
    {
        var text = token.Text;
        if (text is "." or "?" or "!")
        {
            token.SentenceBreak = true;
        }
        else if (token.IsEllipsis)
        {
            token.Ellipsis = true;
        }
        else if (token.PeriodFinal && !text.EndsWith("..", StringComparison.Ordinal))
        {
            var withoutPeriod = text[..^1].ToLowerInvariant();
            var lastHyphenPart = withoutPeriod[(withoutPeriod.LastIndexOf('-') + 1)..];
            if (model.Abbreviations.Contains(withoutPeriod) || model.Abbreviations.Contains(lastHyphenPart))
            {
                token.Abbreviation = true;
            }
            else
            {
                token.SentenceBreak = true;
            }
        }
    }

    private static void SecondPass(PunktToken token, PunktToken next, PunktModel model)
    {
        if (!token.PeriodFinal)
        {
            return;
        }

        var type = token.TypeNoPeriod;
        var nextType = next.TypeNoSentencePeriod;
        var isInitial = token.IsInitial;

        // Collocation heuristic: a known pair across the period is never a boundary.
        if (model.Collocations.Contains((type, nextType)))
        {
            token.SentenceBreak = false;
            token.Abbreviation = true;
            return;
        }

        // Abbreviations and ellipses also end a sentence when the next word looks like a sentence start.
        if ((token.Abbreviation || token.Ellipsis) && !isInitial)
        {
            var starts = OrthographicHeuristic(next, model);
            if (starts == true)
            {
                token.SentenceBreak = true;
                return;
            }

            if (next.FirstUpper && model.SentenceStarters.Contains(nextType))
            {
                token.SentenceBreak = true;
                return;
            }
        }

        // Initials and ordinals are not boundaries when the next word is orthographically sentence-internal.
        if (isInitial || type == "##number##")
        {
            var starts = OrthographicHeuristic(next, model);
            if (starts == false)
            {
                token.SentenceBreak = false;
                token.Abbreviation = true;
                return;
            }

            if (starts is null && isInitial && next.FirstUpper && (model.ContextOf(nextType) & PunktModel.AnyLower) == 0)
            {
                token.SentenceBreak = false;
                token.Abbreviation = true;
            }
        }
    }

    // True: starts a sentence; false: does not; null: unknown.
    private static bool? OrthographicHeuristic(PunktToken token, PunktModel model)
    {
        if (token.Text is ";" or ":" or "," or "." or "!" or "?")
        {
            return false;
        }

        var context = model.ContextOf(token.TypeNoSentencePeriod);
        if (token.FirstUpper && (context & PunktModel.AnyLower) != 0 && (context & PunktModel.MiddleUpper) == 0)
        {
            return true;
        }

        if (token.FirstLower && ((context & PunktModel.AnyUpper) != 0 || (context & PunktModel.BeginLower) == 0))
        {
            return false;
        }

        return null;
    }

    [GeneratedRegex(@"[.?!](?=(?<after_tok>" + NonWord + @"|\s+(?<next_tok>\S+)))")]
    private static partial Regex PeriodContext();

    [GeneratedRegex(
        MultiChar + @"|(?=[^\(""`{\[:;&\#\*@\)}\]\-,])\S+?(?=\s|$|" + NonWord + "|" + MultiChar
        + @"|,(?=$|\s|" + NonWord + "|" + MultiChar + @"))|\S")]
    private static partial Regex WordTokenizer();

    [GeneratedRegex(@"\A[""')\]}]+?(?:\s+|(?=--)|$)", RegexOptions.Multiline)]
    private static partial Regex BoundaryRealignment();
}
