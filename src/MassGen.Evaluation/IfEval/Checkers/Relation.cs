namespace MassGen.Evaluation.IfEval.Checkers;

/// <summary>The two comparisons the official data uses: "less than" and "at least".</summary>
internal enum Relation
{
    LessThan,
    AtLeast,
}

internal static class RelationExtensions
{
    public static bool Holds(this Relation relation, int actual, int threshold) =>
        relation == Relation.LessThan ? actual < threshold : actual >= threshold;
}
