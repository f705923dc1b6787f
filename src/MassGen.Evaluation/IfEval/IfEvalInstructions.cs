using System.Text.Json;
using System.Text.RegularExpressions;
using MassGen.Evaluation.IfEval.Checkers;
using MassGen.Evaluation.IfEval.Text;

namespace MassGen.Evaluation.IfEval;

/// <summary>The 25 IFEval instruction ids and how each is built from its official arguments (<c>kwargs</c>).</summary>
public static class IfEvalInstructions
{
    private delegate IInstructionChecker Factory(InstructionArguments args, ILanguageIdentifier languages);

    private static readonly Dictionary<string, Factory> s_factories = new(StringComparer.Ordinal)
    {
        ["keywords:existence"] = (a, _) => new KeywordExistenceChecker(a.StringList("keywords")),
        ["keywords:frequency"] = (a, _) => new KeywordFrequencyChecker(a.String("keyword"), a.Int("frequency"), a.Relation("relation")),
        ["keywords:forbidden_words"] = (a, _) => new ForbiddenWordsChecker(a.StringList("forbidden_words")),
        ["keywords:letter_frequency"] = (a, _) => new LetterFrequencyChecker(
            NonEmpty(a, "letter"), a.Int("let_frequency"), a.Relation("let_relation")),
        ["language:response_language"] = (a, l) => new ResponseLanguageChecker(a.String("language"), l),
        ["length_constraints:number_sentences"] = (a, _) => new NumberOfSentencesChecker(a.Int("num_sentences"), a.Relation("relation")),
        ["length_constraints:number_paragraphs"] = (a, _) => new NumberOfParagraphsChecker(a.Int("num_paragraphs")),
        ["length_constraints:number_words"] = (a, _) => new NumberOfWordsChecker(a.Int("num_words"), a.Relation("relation")),
        ["length_constraints:nth_paragraph_first_word"] = (a, _) => new NthParagraphFirstWordChecker(
            a.Int("num_paragraphs"), Positive(a, "nth_paragraph"), a.String("first_word")),
        ["detectable_content:number_placeholders"] = (a, _) => new PlaceholdersChecker(a.Int("num_placeholders")),
        ["detectable_content:postscript"] = (a, _) => new PostscriptChecker(a.String("postscript_marker")),
        ["detectable_format:number_bullet_lists"] = (a, _) => new BulletListsChecker(a.Int("num_bullets")),
        ["detectable_format:constrained_response"] = (_, _) => new ConstrainedResponseChecker(),
        ["detectable_format:number_highlighted_sections"] = (a, _) => new HighlightedSectionsChecker(a.Int("num_highlights")),
        ["detectable_format:multiple_sections"] = (a, _) => new MultipleSectionsChecker(a.String("section_spliter"), a.Int("num_sections")),
        ["detectable_format:json_format"] = (_, _) => new JsonFormatChecker(),
        ["detectable_format:title"] = (_, _) => new TitleChecker(),
        ["combination:two_responses"] = (_, _) => new TwoResponsesChecker(),
        ["combination:repeat_prompt"] = (a, _) => new RepeatPromptChecker(a.String("prompt_to_repeat")),
        ["startend:end_checker"] = (a, _) => new EndPhraseChecker(a.String("end_phrase")),
        ["change_case:capital_word_frequency"] = (a, _) => new CapitalWordFrequencyChecker(
            a.Int("capital_frequency"), a.Relation("capital_relation")),
        ["change_case:english_capital"] = (_, l) => new EnglishCapitalChecker(l),
        ["change_case:english_lowercase"] = (_, l) => new EnglishLowercaseChecker(l),
        ["punctuation:no_comma"] = (_, _) => new NoCommaChecker(),
        ["startend:quotation"] = (_, _) => new QuotationChecker(),
    };

    /// <summary>Every supported instruction id, for example <c>keywords:frequency</c>.</summary>
    public static IReadOnlyCollection<string> Ids => s_factories.Keys;

    /// <summary>The category of an instruction id: the part before the colon (<c>keywords</c>).</summary>
    public static string CategoryOf(string instructionId)
    {
        ArgumentNullException.ThrowIfNull(instructionId);
        var colon = instructionId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? instructionId : instructionId[..colon];
    }

    internal static IInstructionChecker Create(
        string instructionId,
        IReadOnlyDictionary<string, JsonElement> kwargs,
        ILanguageIdentifier languages)
    {
        if (!s_factories.TryGetValue(instructionId, out var factory))
        {
            throw new EvaluationDataException(
                $"Unknown instruction id '{instructionId}'. Known ids: {string.Join(", ", s_factories.Keys.Order(StringComparer.Ordinal))}.");
        }

        var args = new InstructionArguments(instructionId, kwargs);
        IInstructionChecker checker;
        try
        {
            checker = factory(args, languages);
        }
        catch (RegexParseException e)
        {
            // Keywords and markers are used as regular expressions, as in the official checker.
            throw new EvaluationDataException($"An argument of instruction '{instructionId}' is not a valid pattern: {e.Message}", e);
        }

        args.EnsureAllRead();
        return checker;
    }

    private static string NonEmpty(InstructionArguments args, string name)
    {
        var value = args.String(name);
        return value.Trim().Length == 0
            ? throw new EvaluationDataException($"Argument '{name}' of instruction 'keywords:letter_frequency' must not be empty.")
            : value;
    }

    private static int Positive(InstructionArguments args, string name)
    {
        var value = args.Int(name);
        return value >= 1
            ? value
            : throw new EvaluationDataException($"Argument '{name}' of instruction 'length_constraints:nth_paragraph_first_word' must be 1 or more, but is {value}.");
    }
}
