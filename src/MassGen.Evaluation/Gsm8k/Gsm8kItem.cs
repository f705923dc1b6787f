namespace MassGen.Evaluation.Gsm8k;

/// <summary>One GSM8K problem: the question and the worked solution ending in <c>#### number</c>.</summary>
/// <param name="Question">The question; responses are joined to items by this exact text.</param>
/// <param name="Answer">The worked solution.</param>
/// <param name="Gold">The gold number after the last <c>####</c>.</param>
public sealed record Gsm8kItem(string Question, string Answer, decimal Gold);
