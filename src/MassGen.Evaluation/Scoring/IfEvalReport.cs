using System.Globalization;
using MassGen.Evaluation.IfEval;

namespace MassGen.Evaluation.Scoring;

/// <summary>Prints the four IFEval accuracies and the per-category instruction-level table.</summary>
internal static class IfEvalReport
{
    public static void Write(TextWriter output, IfEvalAccuracy strict, IfEvalAccuracy loose)
    {
        output.WriteLine(Invariant($"IFEval: {strict.Prompts} prompts, {strict.Instructions} instructions"));
        output.WriteLine(Invariant($"{"",-20}{"strict",-20}{"loose",-20}"));
        output.WriteLine(Invariant($"{"prompt-level",-20}{Cell(strict.PromptsFollowed, strict.Prompts),-20}{Cell(loose.PromptsFollowed, loose.Prompts),-20}"));
        output.WriteLine(Invariant($"{"instruction-level",-20}{Cell(strict.InstructionsFollowed, strict.Instructions),-20}{Cell(loose.InstructionsFollowed, loose.Instructions),-20}"));
        output.WriteLine();
        output.WriteLine(Invariant($"{"category",-20}{"strict",-20}{"loose",-20}"));
        foreach (var category in strict.Categories)
        {
            var looseCategory = loose.Categories.First(c => c.Category == category.Category);
            output.WriteLine(Invariant(
                $"{category.Category,-20}{Cell(category.Followed, category.Total),-20}{Cell(looseCategory.Followed, looseCategory.Total),-20}"));
        }
    }

    private static string Cell(int part, int whole) => Invariant($"{part}/{whole} {ScoreCommand.Percent(part, whole)}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
