namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary><c>startend:end_checker</c>: after trimming whitespace and double quotes, ends with the phrase (any case).</summary>
internal sealed class EndPhraseChecker(string phrase) : IInstructionChecker
{
    private readonly string _phrase = phrase.Trim().ToLowerInvariant();

    public bool IsFollowed(string response) =>
        response.Trim().Trim('"').ToLowerInvariant().EndsWith(_phrase, StringComparison.Ordinal);
}

/// <summary><c>startend:quotation</c>: the trimmed response starts and ends with a double quote.</summary>
internal sealed class QuotationChecker : IInstructionChecker
{
    public bool IsFollowed(string response)
    {
        var value = response.Trim();
        return value.Length > 1 && value[0] == '"' && value[^1] == '"';
    }
}

/// <summary><c>punctuation:no_comma</c>: no ASCII comma anywhere.</summary>
internal sealed class NoCommaChecker : IInstructionChecker
{
    public bool IsFollowed(string response) => !response.Contains(',', StringComparison.Ordinal);
}

/// <summary><c>combination:repeat_prompt</c>: the trimmed response starts with the request, ignoring case.</summary>
internal sealed class RepeatPromptChecker(string promptToRepeat) : IInstructionChecker
{
    private readonly string _prompt = promptToRepeat.Trim().ToLowerInvariant();

    public bool IsFollowed(string response) =>
        response.Trim().ToLowerInvariant().StartsWith(_prompt, StringComparison.Ordinal);
}

/// <summary>
/// <c>combination:two_responses</c>: exactly two non-empty, different parts separated by <c>******</c>; an
/// empty part is tolerated only at the very start or end.
/// </summary>
internal sealed class TwoResponsesChecker : IInstructionChecker
{
    public bool IsFollowed(string response)
    {
        var parts = response.Split("******");
        var valid = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim().Length == 0)
            {
                if (i != 0 && i != parts.Length - 1)
                {
                    return false;
                }
            }
            else
            {
                valid.Add(parts[i]);
            }
        }

        return valid.Count == 2 && valid[0].Trim() != valid[1].Trim();
    }
}
