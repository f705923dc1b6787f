using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Benchmarks;

/// <summary>The shipped IFEval GPT-4 reference pair (541 prompts), found as the tests find it.</summary>
internal sealed class IfEvalBenchmarkData
{
    private IfEvalBenchmarkData(IReadOnlyList<IfEvalPrompt> prompts, IReadOnlyDictionary<string, string> responses)
    {
        Prompts = prompts;
        Responses = responses;
    }

    public IReadOnlyList<IfEvalPrompt> Prompts { get; }

    public IReadOnlyDictionary<string, string> Responses { get; }

    public static IfEvalBenchmarkData Load()
    {
        var folder = DatasetsFolder();
        return new IfEvalBenchmarkData(
            IfEvalData.ReadPrompts(Path.Combine(folder, "ifeval", "input_data_gpt4_20231107_145030.jsonl")),
            IfEvalData.ReadResponses(Path.Combine(folder, "ifeval", "input_response_data_gpt4_20231107_145030.jsonl")));
    }

    /// <summary>Scores strict and loose with a fresh scorer (nothing remembered from an earlier run).</summary>
    public (int StrictFollowed, int LooseFollowed) ScoreBoth()
    {
        var scorer = new IfEvalScorer();
        var strict = scorer.Score(Prompts, Responses, IfEvalMode.Strict);
        var loose = scorer.Score(Prompts, Responses, IfEvalMode.Loose);
        return (strict.Count(v => v.FollowAllInstructions), loose.Count(v => v.FollowAllInstructions));
    }

    private static string DatasetsFolder()
    {
        var configured = Environment.GetEnvironmentVariable("MASSGEN_DATASETS_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MassGen.slnx")))
            {
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "datasets"));
            }
        }

        throw new DirectoryNotFoundException("Datasets not found: set MASSGEN_DATASETS_DIR or place them at <repository root>/../shared/datasets.");
    }
}
