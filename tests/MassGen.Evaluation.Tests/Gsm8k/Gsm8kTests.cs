using System.Globalization;
using System.Text.Json;
using MassGen.Evaluation.Gsm8k;
using MassGen.Evaluation.Scoring;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.Gsm8k;

public sealed class Gsm8kTests
{
    // Ways a model states a final number; {0} is the plain number, {1} with thousands separators.
    private static readonly string[] s_phrasings =
    [
        "Let me think step by step. 2 + 2 = 4.\nThe answer is {0}.",
        "Working: 3 * 7 = 21.\n#### {0}",
        "Answer: ${1}",
        "First 12 apples, then 5 more. In total that makes {1} in the end.",
        "So the final answer is \\boxed{{{0}}}.",
        "**Final answer:** {0}",
    ];

    [Theory]
    [InlineData("Janet sells 9 eggs.\n#### 18", 18)]
    [InlineData("#### 1,450,000", 1450000)]
    [InlineData("It drops.\n#### -10", -10)]
    [InlineData("#### 2.5", 2.5)]
    public void ParseGold_AnswerAfterMarker_Parsed(string answer, double expected) =>
        Assert.Equal((decimal)expected, Gsm8kAnswer.ParseGold(answer));

    [Theory]
    [InlineData("The answer is $1,234.50.", 1234.5)]
    [InlineData("It is -3 degrees, so the answer is -3", -3)]
    [InlineData("10 - 3 = 7", 7)]
    [InlineData("We get 5 - 3 = 2 apples", 2)]
    [InlineData("Costs €40 in total", 40)]
    [InlineData("#### 18 (since 9 * 2 = 18 and 3 more)", 18)]
    [InlineData("Answer: 42. I checked it against 41 and 43.", 42)]
    [InlineData("Half of it is .5 of the cake", 0.5)]
    public void ExtractPredicted_FreeText_FindsTheStatedNumber(string response, double expected) =>
        Assert.Equal((decimal)expected, Gsm8kAnswer.ExtractPredicted(response));

    [Fact]
    public void ExtractPredicted_NoNumber_ReturnsNull() => Assert.Null(Gsm8kAnswer.ExtractPredicted("I do not know."));

    [DatasetsFact]
    public void Score_GoldAnswersInEveryPhrasing_AllCorrect()
    {
        var items = Gsm8kData.ReadItems(TestDatasets.PathOf("gsm8k/test.jsonl"));
        Assert.Equal(1319, items.Count);
        foreach (var phrasing in s_phrasings)
        {
            var responses = items.ToDictionary(i => i.Question, i => Phrase(phrasing, i.Gold), StringComparer.Ordinal);
            var outcomes = Gsm8kScorer.Score(items, responses);
            var wrong = outcomes.Where(o => !o.Correct).Select(o => $"{o.Item.Gold} read as {o.Predicted}").ToList();
            Assert.True(wrong.Count == 0, $"{phrasing}: {string.Join("; ", wrong.Take(5))}");
        }
    }

    [DatasetsFact]
    public void Score_WrongNumbersInEveryPhrasing_NoneCorrect()
    {
        var items = Gsm8kData.ReadItems(TestDatasets.PathOf("gsm8k/test.jsonl"));
        foreach (var phrasing in s_phrasings)
        {
            var responses = items.ToDictionary(i => i.Question, i => Phrase(phrasing, i.Gold + 1), StringComparer.Ordinal);
            Assert.DoesNotContain(Gsm8kScorer.Score(items, responses), o => o.Correct);
        }
    }

    [DatasetsFact]
    public void Run_GoldResponsesFile_PrintsHundredPercentAndWritesResults()
    {
        using var folder = new TempFolder();
        var items = Gsm8kData.ReadItems(TestDatasets.PathOf("gsm8k/test.jsonl"));
        File.WriteAllLines(folder.File("r.jsonl"), items.Select(i => JsonSerializer.Serialize(new { question = i.Question, response = Phrase(s_phrasings[0], i.Gold) })));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ScoreCommand.Run(["gsm8k", "--input", TestDatasets.PathOf("gsm8k/test.jsonl"), "--responses", folder.File("r.jsonl"), "--output", folder.File("out")], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("gsm8k: 1319/1319 correct = 100.00 %, unparseable 0", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1319, File.ReadAllLines(folder.File("out/gsm8k_results.jsonl")).Length);
    }

    [Fact]
    public void Score_MissingResponse_ErrorListsInputLines()
    {
        var items = new[] { new Gsm8kItem("q1", "#### 1", 1), new Gsm8kItem("q2", "#### 2", 2) };
        var e = Assert.Throws<EvaluationDataException>(() => Gsm8kScorer.Score(items, new Dictionary<string, string> { ["q1"] = "1" }));
        Assert.Contains("input item(s) [2] (1-based", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnparseableResponse_CountedWrong()
    {
        var items = new[] { new Gsm8kItem("q1", "#### 1", 1) };
        var outcome = Assert.Single(Gsm8kScorer.Score(items, new Dictionary<string, string> { ["q1"] = "no idea" }));
        Assert.False(outcome.Correct);
        Assert.Null(outcome.Predicted);
    }

    private static string Phrase(string phrasing, decimal gold) => string.Format(
        CultureInfo.InvariantCulture, phrasing, gold.ToString(CultureInfo.InvariantCulture), gold.ToString("#,0.##########", CultureInfo.InvariantCulture));
}
