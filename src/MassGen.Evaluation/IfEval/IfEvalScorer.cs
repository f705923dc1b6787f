using System.Text.RegularExpressions;
using MassGen.Evaluation.IfEval.Checkers;
using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.IfEval;

/// <summary>
/// Scores responses against IFEval prompts with the official semantics, strict and loose.
/// </summary>
public sealed class IfEvalScorer
{
    private readonly ILanguageIdentifier _languages;

    /// <summary>
    /// Creates a scorer; language checks use <see cref="NgramLanguageIdentifier"/> unless another identifier is
    /// given. The scorer remembers the language of every text it identified, so reuse one scorer for the strict
    /// and loose runs of a file.
    /// </summary>
    public IfEvalScorer(ILanguageIdentifier? languages = null)
    {
        _languages = new MemoizingLanguageIdentifier(languages ?? NgramLanguageIdentifier.Instance);
    }

    /// <summary>The keys of the prompts that have no response (joined by exact prompt text), in input order.</summary>
    public static IReadOnlyList<int> MissingKeys(IReadOnlyList<IfEvalPrompt> prompts, IReadOnlyDictionary<string, string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        return [.. prompts.Where(p => !responses.ContainsKey(p.Prompt)).Select(p => p.Key)];
    }

    /// <summary>Scores every prompt in input order.</summary>
    /// <exception cref="EvaluationDataException">
    /// A prompt has no response (the message lists every missing key), or an instruction is unknown or has
    /// invalid arguments.
    /// </exception>
    public IReadOnlyList<IfEvalVerdict> Score(
        IReadOnlyList<IfEvalPrompt> prompts,
        IReadOnlyDictionary<string, string> responses,
        IfEvalMode mode)
    {
        var missing = MissingKeys(prompts, responses);
        if (missing.Count > 0)
        {
            throw new EvaluationDataException(
                $"Missing responses for input task keys: [{string.Join(", ", missing)}]. Responses are joined to inputs "
                + "by the exact prompt text; check that the response file was produced from this input file.");
        }

        return [.. prompts.Select(p => Score(p, responses[p.Prompt], mode))];
    }

    /// <summary>Scores one response to one prompt.</summary>
    public IfEvalVerdict Score(IfEvalPrompt prompt, string response, IfEvalMode mode)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var variants = mode == IfEvalMode.Strict ? [response] : LooseVariants(response);
        var follows = new bool[prompt.InstructionIds.Count];
        for (var i = 0; i < follows.Length; i++)
        {
            IInstructionChecker checker;
            try
            {
                checker = IfEvalInstructions.Create(prompt.InstructionIds[i], prompt.Kwargs[i], _languages);
            }
            catch (EvaluationDataException e)
            {
                throw new EvaluationDataException($"Prompt key {prompt.Key}: {e.Message}", e);
            }

            // An empty (or whitespace-only) variant never follows an instruction.
            try
            {
                follows[i] = variants.Any(v => v.Trim().Length != 0 && checker.IsFollowed(v));
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new EvaluationDataException(
                    $"Prompt key {prompt.Key}: the pattern of instruction '{prompt.InstructionIds[i]}' took too long to match; simplify the argument.", e);
            }
        }

        return new IfEvalVerdict(prompt, response, follows);
    }

    /// <summary>The official loose variants of a response.</summary>
    internal static string[] LooseVariants(string response)
    {
        var lines = response.Split('\n');
        var withoutFirst = string.Join('\n', lines.Skip(1)).Trim();
        var withoutLast = string.Join('\n', lines.Take(lines.Length - 1)).Trim();
        var withoutBoth = string.Join('\n', lines.Skip(1).Take(lines.Length - 2)).Trim();
        return
        [
            response,
            response.Replace("*", string.Empty, StringComparison.Ordinal),
            withoutFirst,
            withoutLast,
            withoutBoth,
            withoutFirst.Replace("*", string.Empty, StringComparison.Ordinal),
            withoutLast.Replace("*", string.Empty, StringComparison.Ordinal),
            withoutBoth.Replace("*", string.Empty, StringComparison.Ordinal),
        ];
    }
}
