using System.Text.Json;
using MassGen.Evaluation.Choice;
using MassGen.Evaluation.Scoring;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.Choice;

public sealed class ChoiceTests
{
    // {0} is the letter of the right option, {1} its text.
    private static readonly string[] s_phrasings =
    [
        "Considering all the clues carefully.\nAnswer: {0}",
        "The evidence points to option ({0}).",
        "After weighing it, the answer is {0}.",
        "Everything considered, I pick\n{0}",
        "It has to be {1}, given the story.",
    ];

    private static readonly string[] s_musrFiles = ["musr/small_murder_mystery.json", "musr/small_object_placements.json", "musr/small_team_allocation.json"];

    [Theory]
    [InlineData("Answer: B", 1)]
    [InlineData("answer is (c)", 2)] // a lower-case letter only in parentheses after "answer"
    [InlineData("The answer is a cellar.", 2)] // "a" is a word, so the option text decides
    [InlineData("I choose (C) over (A), final: (B)", 1)]
    [InlineData("The answer is E", null)] // beyond the options
    [InlineData("Option A is tempting but the answer is C.", 2)]
    [InlineData("Probably the cellar.", 2)]
    [InlineData("Either the attic or the cellar.", null)] // two options named
    [InlineData("The grand piano room.", 0)] // the longer option contains the shorter
    public void Extract_Phrasings_FindsOption(string response, int? expected) =>
        Assert.Equal(expected, ChoiceAnswerExtractor.Extract(response, ["grand piano room", "attic", "cellar", "piano"]));

    [Fact]
    public void Extract_TenOptions_ReadsLetterJ() =>
        Assert.Equal(9, ChoiceAnswerExtractor.Extract("Answer: J", [.. Enumerable.Range(0, 10).Select(i => $"option {i}")]));

    [DatasetsFact]
    public void Extract_MusrSamplesInEveryPhrasing_FindsTheRightOption()
    {
        foreach (var file in s_musrFiles)
        {
            foreach (var question in ChoiceData.ReadQuestions(TestDatasets.PathOf(file)))
            {
                foreach (var phrasing in s_phrasings)
                {
                    var response = string.Format(System.Globalization.CultureInfo.InvariantCulture, phrasing, (char)('A' + question.Answer), question.Choices[question.Answer]);
                    Assert.True(
                        ChoiceAnswerExtractor.Extract(response, question.Choices) == question.Answer,
                        $"{file} {question.Id}: \"{response}\" with choices [{string.Join(" | ", question.Choices)}]");
                }
            }
        }
    }

    [DatasetsFact]
    public void ReadQuestions_MusrSamples_HaveTheDocumentedCounts()
    {
        Assert.Equal(5, ChoiceData.ReadQuestions(TestDatasets.PathOf("musr/small_murder_mystery.json")).Count);
        Assert.Equal(20, ChoiceData.ReadQuestions(TestDatasets.PathOf("musr/small_object_placements.json")).Count);
        Assert.Equal(5, ChoiceData.ReadQuestions(TestDatasets.PathOf("musr/small_team_allocation.json")).Count);
    }

    [DatasetsFact]
    public void Run_MusrResponses_CountsCorrectAndUnparseable()
    {
        using var folder = new TempFolder();
        var input = TestDatasets.PathOf("musr/small_object_placements.json");
        var questions = ChoiceData.ReadQuestions(input);
        var lines = questions.Select((q, i) => JsonSerializer.Serialize(new
        {
            id = q.Id,
            response = i == 0 ? "I cannot tell." : i == 1 ? $"Answer: {(char)('A' + (q.Answer + 1) % q.Choices.Count)}" : $"Answer: {(char)('A' + q.Answer)}",
        }));
        File.WriteAllLines(folder.File("r.jsonl"), lines);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ScoreCommand.Run(["choice", "--input", input, "--responses", folder.File("r.jsonl")], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal("choice: 18/20 correct = 90.00 %, unparseable 1" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void ReadQuestions_JsonLinesWithBadAnswer_ErrorExplains()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("q.jsonl"), """{"id": "q1", "question": "?", "choices": ["a", "b"], "answer": 2}""" + "\n");
        var e = Assert.Throws<EvaluationDataException>(() => ChoiceData.ReadQuestions(folder.File("q.jsonl")));
        Assert.Contains("0-based index of the right choice (0 to 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MissingResponse_ErrorListsIds()
    {
        var questions = new[] { new ChoiceQuestion("0.0", "?", ["a", "b"], 0), new ChoiceQuestion("0.1", "?", ["a", "b"], 1) };
        var e = Assert.Throws<EvaluationDataException>(() => ChoiceScorer.Score(questions, new Dictionary<string, string>()));
        Assert.Contains("[0.0, 0.1]", e.Message, StringComparison.Ordinal);
    }
}
