using System.Text.Json;
using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Tests.IfEval;

public sealed class IfEvalScorerTests
{
    private static IfEvalPrompt Prompt(int key, string text, params (string Id, string Kwargs)[] instructions) => new(
        key,
        text,
        [.. instructions.Select(i => i.Id)],
        [.. instructions.Select(i => (IReadOnlyDictionary<string, JsonElement>)JsonDocument.Parse(i.Kwargs).RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal))]);

    [Fact]
    public void LooseVariants_Response_AreTheEightOfficialVariants()
    {
        var variants = IfEvalScorer.LooseVariants("Sure!\n*body*\nBye");
        Assert.Equal(["Sure!\n*body*\nBye", "Sure!\nbody\nBye", "*body*\nBye", "Sure!\n*body*", "*body*", "body\nBye", "Sure!\nbody", "body"], variants);
    }

    [Fact]
    public void Score_LooseDropsIntroLine_StrictDoesNot()
    {
        var prompt = Prompt(1, "p", ("startend:quotation", "{}"));
        var scorer = new IfEvalScorer(new FixedLanguage("en"));
        const string Response = "Here is my answer:\n\"quoted answer\"";
        Assert.False(scorer.Score(prompt, Response, IfEvalMode.Strict).FollowAllInstructions);
        Assert.True(scorer.Score(prompt, Response, IfEvalMode.Loose).FollowAllInstructions);
    }

    [Fact]
    public void Score_LooseRemovesAsterisks_ForJson()
    {
        var prompt = Prompt(1, "p", ("detectable_format:json_format", "{}"));
        var scorer = new IfEvalScorer(new FixedLanguage("en"));
        Assert.False(scorer.Score(prompt, "{\"a\": \"*x*\"} **", IfEvalMode.Strict).FollowAllInstructions);
        Assert.True(scorer.Score(prompt, "{\"a\": \"*x*\"} **", IfEvalMode.Loose).FollowAllInstructions);
    }

    [Fact]
    public void Score_BlankResponse_FollowsNothingEvenWhenTheCheckWouldPass()
    {
        var prompt = Prompt(1, "p", ("punctuation:no_comma", "{}"), ("keywords:forbidden_words", """{"forbidden_words": ["x"]}"""));
        var verdict = new IfEvalScorer(new FixedLanguage("en")).Score(prompt, "  \n ", IfEvalMode.Loose);
        Assert.Equal([false, false], verdict.FollowInstructionList);
    }

    [Fact]
    public void Score_MissingResponses_ErrorListsEveryMissingKey()
    {
        var prompts = new[] { Prompt(9, "a", ("punctuation:no_comma", "{}")), Prompt(2785, "b", ("punctuation:no_comma", "{}")), Prompt(3, "c", ("punctuation:no_comma", "{}")) };
        var responses = new Dictionary<string, string> { ["c"] = "fine" };
        var e = Assert.Throws<EvaluationDataException>(() => new IfEvalScorer(new FixedLanguage("en")).Score(prompts, responses, IfEvalMode.Strict));
        Assert.StartsWith("Missing responses for input task keys: [9, 2785].", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadArguments_ErrorNamesThePromptKey()
    {
        var prompt = Prompt(77, "p", ("length_constraints:number_words", """{"num_words": "ten", "relation": "at least"}"""));
        var e = Assert.Throws<EvaluationDataException>(() => new IfEvalScorer(new FixedLanguage("en")).Score(prompt, "x", IfEvalMode.Strict));
        Assert.StartsWith("Prompt key 77:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_SameTextTwice_IdentifiesLanguageOnce()
    {
        var languages = new FixedLanguage("de");
        var scorer = new IfEvalScorer(languages);
        var prompt = Prompt(1, "p", ("language:response_language", """{"language": "de"}"""));
        scorer.Score(prompt, "Hallo Welt", IfEvalMode.Strict);
        scorer.Score(prompt, "Hallo Welt", IfEvalMode.Loose);
        Assert.Equal(1, languages.Calls);
    }

    [Fact]
    public void Accuracy_Verdicts_CountsPromptsInstructionsAndCategories()
    {
        var a = Prompt(1, "a", ("punctuation:no_comma", "{}"), ("keywords:existence", """{"keywords": ["cat"]}"""));
        var b = Prompt(2, "b", ("punctuation:no_comma", "{}"));
        var verdicts = new[] { new IfEvalVerdict(a, "x", [true, false]), new IfEvalVerdict(b, "y", [true]) };
        var accuracy = IfEvalAccuracy.Of(verdicts);
        Assert.Equal((1, 2, 2, 3), (accuracy.PromptsFollowed, accuracy.Prompts, accuracy.InstructionsFollowed, accuracy.Instructions));
        Assert.Equal([new CategoryAccuracy("keywords", 0, 1), new CategoryAccuracy("punctuation", 2, 2)], accuracy.Categories);
    }

    [Fact]
    public void FormatLine_Verdict_MatchesOfficialSerialisation()
    {
        var prompt = Prompt(1, "Say \"hé\"\n", ("punctuation:no_comma", "{}"));
        var line = IfEvalResultsFile.FormatLine(new IfEvalVerdict(prompt, "ok\t😀", [true]));
        Assert.Equal(
            "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true], \"instruction_id_list\": [\"punctuation:no_comma\"], "
            + "\"prompt\": \"Say \\\"h\\u00e9\\\"\\n\", \"response\": \"ok\\t\\ud83d\\ude00\"}",
            line);
    }
}
