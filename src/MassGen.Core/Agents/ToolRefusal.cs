namespace MassGen.Core.Agents;

/// <summary>
/// A tool returns this (instead of throwing) when the permission layer refuses the call. The model receives
/// <see cref="Message"/> as the tool result; the call is recorded with outcome <c>Refused</c>.
/// </summary>
/// <param name="Message">What was refused and why, in words the model can act on.</param>
public sealed record ToolRefusal(string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
