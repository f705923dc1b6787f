namespace MassGen.Evaluation.Gsm8k;

/// <summary>The verdict on one GSM8K response.</summary>
/// <param name="Item">The problem.</param>
/// <param name="Response">The response as given.</param>
/// <param name="Predicted">The extracted number, or null when the response has none (unparseable, wrong).</param>
public sealed record Gsm8kOutcome(Gsm8kItem Item, string Response, decimal? Predicted)
{
    /// <summary>Exact numeric match (so 18, 18.0 and 18.00 are equal).</summary>
    public bool Correct => Predicted == Item.Gold;
}
