namespace MassGen.Evaluation.IfEval;

/// <summary>Prompt-level and instruction-level accuracy of one evaluation mode, with the per-category table.</summary>
public sealed record IfEvalAccuracy
{
    private IfEvalAccuracy(int promptsFollowed, int prompts, int instructionsFollowed, int instructions, IReadOnlyList<CategoryAccuracy> categories)
    {
        PromptsFollowed = promptsFollowed;
        Prompts = prompts;
        InstructionsFollowed = instructionsFollowed;
        Instructions = instructions;
        Categories = categories;
    }

    /// <summary>Prompts whose instructions were all followed.</summary>
    public int PromptsFollowed { get; }

    /// <summary>Prompts scored.</summary>
    public int Prompts { get; }

    /// <summary>Instructions followed, over all prompts.</summary>
    public int InstructionsFollowed { get; }

    /// <summary>Instructions scored, over all prompts.</summary>
    public int Instructions { get; }

    /// <summary>Instruction-level results per category, ordered by category name.</summary>
    public IReadOnlyList<CategoryAccuracy> Categories { get; }

    /// <summary>Prompt-level accuracy.</summary>
    public double PromptLevel => Prompts == 0 ? 0 : (double)PromptsFollowed / Prompts;

    /// <summary>Instruction-level accuracy.</summary>
    public double InstructionLevel => Instructions == 0 ? 0 : (double)InstructionsFollowed / Instructions;

    /// <summary>Computes the accuracies of a set of verdicts.</summary>
    public static IfEvalAccuracy Of(IReadOnlyList<IfEvalVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var categories = new SortedDictionary<string, (int Followed, int Total)>(StringComparer.Ordinal);
        int instructions = 0, followed = 0;
        foreach (var verdict in verdicts)
        {
            for (var i = 0; i < verdict.FollowInstructionList.Count; i++)
            {
                var category = IfEvalInstructions.CategoryOf(verdict.Prompt.InstructionIds[i]);
                var ok = verdict.FollowInstructionList[i];
                var (f, t) = categories.GetValueOrDefault(category);
                categories[category] = (f + (ok ? 1 : 0), t + 1);
                instructions++;
                followed += ok ? 1 : 0;
            }
        }

        return new IfEvalAccuracy(
            verdicts.Count(v => v.FollowAllInstructions),
            verdicts.Count,
            followed,
            instructions,
            [.. categories.Select(p => new CategoryAccuracy(p.Key, p.Value.Followed, p.Value.Total))]);
    }
}
