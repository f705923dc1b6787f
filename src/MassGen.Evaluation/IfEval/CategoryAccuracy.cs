namespace MassGen.Evaluation.IfEval;

/// <summary>Instruction-level results of one category (the part of the id before the colon).</summary>
/// <param name="Category">For example <c>keywords</c>.</param>
/// <param name="Followed">Instructions followed.</param>
/// <param name="Total">Instructions in the category.</param>
public sealed record CategoryAccuracy(string Category, int Followed, int Total)
{
    /// <summary>Followed divided by total (zero when there are none).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Followed / Total;
}
