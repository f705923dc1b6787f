using System.Text.Json;
using MassGen.Evaluation.IfEval;
using MassGen.Testing;

namespace MassGen.Evaluation.Tests.IfEval;

/// <summary>
/// The shipped GPT-4 reference pair scored and compared line by line with the reference run of the official
/// checker (benchweaver-d73192e).
/// </summary>
public sealed class IfEvalReferenceTests
{
    // Every per-instruction disagreement with the reference run, by key and instruction id: 1122 asks for the
    // frequency of "#", for which the official checker draws a random letter (its strict and loose runs drew
    // different letters), while "#" itself is counted here. Every language verdict agrees.
    private static readonly HashSet<(string Mode, int Key, string Instruction)> s_knownDisagreements =
    [
        ("loose", 1122, "keywords:letter_frequency"),
    ];

    private static readonly Lazy<(IReadOnlyList<IfEvalPrompt> Prompts, IReadOnlyList<IfEvalVerdict> Strict, IReadOnlyList<IfEvalVerdict> Loose)> s_run = new(() =>
    {
        var prompts = IfEvalData.ReadPrompts(TestDatasets.PathOf("ifeval/input_data_gpt4_20231107_145030.jsonl"));
        var responses = IfEvalData.ReadResponses(TestDatasets.PathOf("ifeval/input_response_data_gpt4_20231107_145030.jsonl"));
        var scorer = new IfEvalScorer();
        return (prompts, scorer.Score(prompts, responses, IfEvalMode.Strict), scorer.Score(prompts, responses, IfEvalMode.Loose));
    });

    [DatasetsFact]
    public void Strict_ReferencePair_DisagreesOnlyWhereKnown() => AssertDisagreements("strict", s_run.Value.Strict);

    [DatasetsFact]
    public void Loose_ReferencePair_DisagreesOnlyWhereKnown() => AssertDisagreements("loose", s_run.Value.Loose);

    [DatasetsFact]
    public void Accuracy_ReferencePair_IsTheReferenceRunPlusTheKnownDisagreements()
    {
        var strict = IfEvalAccuracy.Of(s_run.Value.Strict);
        var loose = IfEvalAccuracy.Of(s_run.Value.Loose);

        // Reference run: 417/541, 698/834, 430/541, 713/834; the known disagreement is a pass here.
        Assert.Equal((417, 541, 698, 834), (strict.PromptsFollowed, strict.Prompts, strict.InstructionsFollowed, strict.Instructions));
        Assert.Equal((431, 541, 714, 834), (loose.PromptsFollowed, loose.Prompts, loose.InstructionsFollowed, loose.Instructions));
        Assert.Equal(
            ["change_case 72/89", "combination 48/65", "detectable_content 51/53", "detectable_format 147/157", "keywords 139/163",
             "language 30/31", "length_constraints 104/143", "punctuation 44/66", "startend 63/67"],
            strict.Categories.Select(c => $"{c.Category} {c.Followed}/{c.Total}"));
    }

    [DatasetsFact]
    public void FormatLine_AgreeingLines_AreByteIdenticalToTheReferenceOutput()
    {
        foreach (var mode in (string[])["strict", "loose"])
        {
            var reference = File.ReadAllLines(TestDatasets.PathOf($"ifeval/reference_eval/benchweaver-d73192e/eval_results_{mode}.jsonl"));
            var ours = mode == "strict" ? s_run.Value.Strict : s_run.Value.Loose;
            var identical = 0;
            for (var i = 0; i < ours.Count; i++)
            {
                var key = ours[i].Prompt.Key;

                // The reference run used the later wording of prompt 2785; only its prompt text differs.
                if (key == 2785 || s_knownDisagreements.Any(d => d.Mode == mode && d.Key == key))
                {
                    continue;
                }

                Assert.Equal(reference[i], IfEvalResultsFile.FormatLine(ours[i]));
                identical++;
            }

            Assert.Equal(540 - s_knownDisagreements.Count(d => d.Mode == mode), identical);
        }
    }

    private static void AssertDisagreements(string mode, IReadOnlyList<IfEvalVerdict> ours)
    {
        var reference = File.ReadLines(TestDatasets.PathOf($"ifeval/reference_eval/benchweaver-d73192e/eval_results_{mode}.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("follow_instruction_list").EnumerateArray().Select(e => e.GetBoolean()).ToArray())
            .ToList();
        Assert.Equal(541, ours.Count);
        Assert.Equal(ours.Count, reference.Count);
        var found = new HashSet<(string, int, string)>();
        for (var i = 0; i < ours.Count; i++)
        {
            for (var j = 0; j < reference[i].Length; j++)
            {
                if (reference[i][j] != ours[i].FollowInstructionList[j])
                {
                    found.Add((mode, ours[i].Prompt.Key, ours[i].Prompt.InstructionIds[j]));
                }
            }
        }

        Assert.Equal(s_knownDisagreements.Where(d => d.Mode == mode).Order(), found.Order());
        Assert.True(ours.Count - found.Select(f => f.Item2).Distinct().Count() >= 540);
    }
}
