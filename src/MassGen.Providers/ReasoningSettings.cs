namespace MassGen.Providers;

/// <summary>The <c>reasoning</c> block of a backend.</summary>
/// <param name="Effort"><c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>xhigh</c>; <c>null</c> leaves the provider's default.</param>
/// <param name="Summary"><c>auto</c>, <c>concise</c> or <c>detailed</c> asks for reasoning summaries where the provider has them; <c>none</c> asks for none.</param>
public sealed record ReasoningSettings(string? Effort = null, string? Summary = null);
